/** Money is integer micros (millionths of the currency unit): 9.99 is 9_990_000. */

/** The value in US dollar micros of an amount, at a rate of dollars per unit of its currency. */
export function toUsdMicros(amountMicros: number, usdPerUnit: number): number {
  return Math.round(amountMicros * usdPerUnit);
}

/** Apple prices are milliunits (9.99 is 9990). */
export function microsFromMilliunits(milliunits: number): number {
  return milliunits * 1000;
}

/** Google Money: whole units as a decimal string and nanos (9.99 is units "9", nanos 990000000). */
export function microsFromUnitsAndNanos(units: string | null | undefined, nanos: number | null | undefined): number {
  return Number(units ?? '0') * 1_000_000 + Math.trunc((nanos ?? 0) / 1000);
}
