import { StorePayloadError } from '../store-payload-error.js';

/** A field the Play API's typings mark optional that a snapshot cannot do without. */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new StorePayloadError('google', `the purchase has no ${field}`);
  }
  return value;
}

/** Play answers RFC 3339 timestamps ("2025-01-15T12:00:00.123Z"). */
function googleTime(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new StorePayloadError('google', `${field} is not a timestamp: ${JSON.stringify(value)}`);
  }
  return date;
}

export function optionalGoogleTime(value: string | null | undefined, field: string): Date | null {
  return value === undefined || value === null || value === '' ? null : googleTime(value, field);
}

/** Legacy fields (purchaseTimeMillis, eventTimeMillis) are milliseconds as a decimal string. */
export function googleMillis(value: string, field: string): Date {
  if (!/^\d+$/.test(value)) {
    throw new StorePayloadError('google', `${field} is not milliseconds: ${JSON.stringify(value)}`);
  }
  return new Date(Number(value));
}
