import type { StorePlatform } from '@tollgate/core';

/**
 * A verified store payload that lacks what a snapshot needs, or says something this code
 * does not know. Retrying will not fix it: keep the raw payload and look at it.
 */
export class StorePayloadError extends Error {
  override readonly name = 'StorePayloadError';
  readonly store: StorePlatform;

  constructor(store: StorePlatform, message: string, options?: { cause?: unknown }) {
    super(`${store}: ${message}`, options);
    this.store = store;
  }
}
