/**
 * One parsing rule for both drivers. PostgreSQL sends int8 and date as text;
 * left alone, `pg` returns int8 as a string and date as a local-midnight Date,
 * while PGlite returns int8 as a number. Money is integer micros in int8, so
 * both drivers must agree: a JavaScript number, refused when it cannot be exact.
 */

export const INT8_OID = 20;
export const DATE_OID = 1082;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} does not fit in a JavaScript number without losing precision`);
  }
  return value;
}

/** Dates stay calendar days ("2026-11-24"): no time zone can shift them. */
export function parseDate(text: string): string {
  return text;
}
