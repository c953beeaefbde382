const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** A time for people; "N/A" when there is none (a customer never seen). */
export function formatTime(iso: string | null): string {
  return iso === null ? 'N/A' : dateTime.format(new Date(iso));
}

/** Money kept in millionths of the currency. */
export function formatMoney(micros: number, currency: string): string {
  const amount = micros / 1_000_000;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
  } catch {
    // Not an ISO 4217 code Intl knows: show the number and the code as given.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

const STORE_NAMES: Record<string, string> = { apple: 'Apple', google: 'Google', roku: 'Roku' };

export function storeName(store: string): string {
  return STORE_NAMES[store] ?? store;
}
