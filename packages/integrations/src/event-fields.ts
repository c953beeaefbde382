import type { EventPayload } from '@tollgate/core';

/** The user envelope every event carries; what is left (and the platform) is the event's own. */
const ENVELOPE: ReadonlySet<string> = new Set([
  'id',
  'event_type',
  'created_date',
  'app_id',
  'user_id',
  'active_entitlements',
  'customer_journey_state',
  'devices',
  'external_ids',
]);

/** The event's own fields (purchase, transaction, session, impression, transfer, device_id) and `event_platform`. */
export function ownFields(payload: EventPayload): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !ENVELOPE.has(key)));
}

export function eventTimeMs(payload: EventPayload): number {
  return Date.parse(payload.created_date);
}

/**
 * Where the money was (not) real: sandbox and test-store purchases are `sandbox`; events
 * without a purchase (sessions, impressions) are `production`, like the app that sent them.
 */
export function environmentOf(payload: EventPayload): 'production' | 'sandbox' {
  if (!('purchase' in payload) || payload.purchase.environment === 'production') {
    return 'production';
  }
  return 'sandbox';
}

/** The device the event happened on, for device events. */
export function deviceIdOf(payload: EventPayload): string | null {
  return 'device_id' in payload ? payload.device_id : null;
}
