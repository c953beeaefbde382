import { StorePayloadError } from '../store-payload-error.js';

/** A field Apple's typings mark optional that a snapshot cannot do without. */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new StorePayloadError('apple', `the payload has no ${field}`);
  }
  return value;
}

/** Apple dates are milliseconds since the epoch. */
export function appleDate(ms: number): Date {
  return new Date(ms);
}

export function optionalAppleDate(ms: number | null | undefined): Date | null {
  return ms === undefined || ms === null ? null : appleDate(ms);
}
