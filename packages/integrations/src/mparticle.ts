import { Buffer } from 'node:buffer';
import { derivedUuid } from './derived-id.js';
import { environmentOf, eventTimeMs, ownFields } from './event-fields.js';
import { vendorUserId } from './identity.js';
import { byteLength, packBySize, type Sized } from './json-batches.js';
import { revenueOf } from './revenue.js';
import type { MparticleSettings, OutgoingEvent, PreparedRequest, Skipped } from './types.js';
import { isUserEvent, type UserAttributes, userAttributes } from './user-attributes.js';

/** mParticle's limits: batches per bulk request, bytes per request and per batch (KB read as 1,000 bytes, to be safe). */
const MAX_BATCHES = 100;
const MAX_REQUEST_BYTES = 256_000;
const MAX_BATCH_BYTES = 128_000;

const DEVICE_PLATFORMS = { apple: 'iOS', google: 'Android', roku: 'roku' } as const;
const TEST_USER_ID = 'tollgate-test-user';
/** Any UUID: its length is what a batch's size needs before its events are known. */
const SOME_UUID = '00000000-0000-8000-8000-000000000000';

type Environment = 'production' | 'development';
type Scalar = string | number | boolean;
interface Entry {
  event: OutgoingEvent;
  json: string;
}
type MparticleEvent = { event_type: 'commerce_event' | 'custom_event'; data: Record<string, unknown> };

interface UserEvents {
  environment: Environment;
  customerId: string;
  events: OutgoingEvent[];
}

/**
 * `/bulkevents` requests: one batch per user and environment (several when one would pass
 * 128 KB), at most 100 batches and 256 KB per request.
 */
export function mparticleRequests(
  events: OutgoingEvent[],
  settings: MparticleSettings,
): { requests: PreparedRequest[]; skipped: Skipped[] } {
  const skipped: Skipped[] = [];
  const users = new Map<string, UserEvents>();
  for (const event of events) {
    const user = vendorUserId(event.payload, settings.customerId);
    if ('reason' in user) {
      skipped.push({ eventId: event.id, reason: user.reason });
      continue;
    }
    // Sandbox and test-store money must not land in the production data.
    const environment = environmentOf(event.payload) === 'sandbox' ? 'development' : 'production';
    const key = JSON.stringify([environment, user.id]);
    const entry = users.get(key) ?? { environment, customerId: user.id, events: [] };
    entry.events.push(event);
    users.set(key, entry);
  }
  const batches = [...users.values()].flatMap((user) => userBatches(user, settings, skipped));
  const groups = packBySize(batches, { shellBytes: 2, maxBytes: MAX_REQUEST_BYTES, maxItems: MAX_BATCHES });
  const requests = groups.map((group) => ({
    request: bulkRequest(
      settings,
      group.map((batch) => batch.json),
    ),
    eventIds: group.flatMap((batch) => batch.eventIds),
  }));
  return { requests, skipped };
}

/** A harmless batch for "send test event": a test user, a custom event, in the development environment. */
export function mparticleTestRequest(settings: MparticleSettings, now: Date): PreparedRequest {
  const at = String(now.getTime());
  const batch = {
    environment: 'development',
    source_request_id: derivedUuid(settings.integrationId, 'test', at),
    user_identities: { customer_id: TEST_USER_ID },
    ...deviceInfo(settings),
    events: [
      {
        event_type: 'custom_event',
        data: {
          event_name: 'Tollgate test event',
          custom_event_type: 'other',
          source_message_id: derivedUuid(settings.integrationId, 'test event', at),
          timestamp_unixtime_ms: now.getTime(),
          custom_attributes: { sent_by: 'Tollgate', integration_id: settings.integrationId },
        },
      },
    ],
  };
  return { request: bulkRequest(settings, [JSON.stringify(batch)]), eventIds: [] };
}

/** One user's events as batches under 128 KB each, in order; an event too large alone is skipped. */
function userBatches(user: UserEvents, settings: MparticleSettings, skipped: Skipped[]): Sized[] {
  const batches: Sized[] = [];
  let current: Entry[] = [];
  let eventsBytes = 0;
  for (const event of user.events) {
    const json = JSON.stringify(mparticleEvent(event));
    const bytes = byteLength(json);
    if (shellBytes(user, settings, newer(null, event)) + bytes > MAX_BATCH_BYTES) {
      skipped.push({ eventId: event.id, reason: 'the event is too large for mParticle (128 KB per batch)' });
      continue;
    }
    const newest = newer(newestUserEvent(current), event);
    if (current.length > 0 && shellBytes(user, settings, newest) + eventsBytes + 1 + bytes > MAX_BATCH_BYTES) {
      batches.push(finalBatch(user, settings, current));
      current = [];
      eventsBytes = 0;
    }
    eventsBytes += current.length === 0 ? bytes : bytes + 1;
    current.push({ event, json });
  }
  if (current.length > 0) {
    batches.push(finalBatch(user, settings, current));
  }
  return batches;
}

function finalBatch(user: UserEvents, settings: MparticleSettings, entries: Entry[]): Sized {
  const eventIds = entries.map((entry) => entry.event.id);
  // The same events in the same batch give the same id: mParticle drops a re-sent batch.
  const requestId = derivedUuid(settings.integrationId, ...eventIds);
  const newest = newestUserEvent(entries);
  const json = batchJson(user, settings, requestId, newest && userAttributes(newest.payload), entries);
  return { json, eventIds };
}

/** The bytes of a batch without its events: what each event adds to it is its own JSON and a comma. */
function shellBytes(user: UserEvents, settings: MparticleSettings, newest: OutgoingEvent | null): number {
  return byteLength(batchJson(user, settings, SOME_UUID, newest && userAttributes(newest.payload), []));
}

/** The batch's user attributes come from its newest user event: the user as they stand last. */
function newestUserEvent(entries: Entry[]): OutgoingEvent | null {
  return entries.reduce<OutgoingEvent | null>((newest, entry) => newer(newest, entry.event), null);
}

function newer(newest: OutgoingEvent | null, event: OutgoingEvent): OutgoingEvent | null {
  if (!isUserEvent(event.type)) {
    return newest;
  }
  return newest === null || eventTimeMs(event.payload) >= eventTimeMs(newest.payload) ? event : newest;
}

/** The batch as JSON, its events already serialized. */
function batchJson(
  user: UserEvents,
  settings: MparticleSettings,
  requestId: string,
  attributes: UserAttributes | null,
  entries: Array<{ json: string }>,
): string {
  const shell = JSON.stringify({
    environment: user.environment,
    source_request_id: requestId,
    user_identities: { customer_id: user.customerId },
    ...deviceInfo(settings),
    ...(attributes ? { user_attributes: attributes } : {}),
  });
  return `${shell.slice(0, -1)},"events":[${entries.map((entry) => entry.json).join(',')}]}`;
}

function deviceInfo(settings: MparticleSettings) {
  return settings.store === null ? {} : { device_info: { platform: DEVICE_PLATFORMS[settings.store] } };
}

function mparticleEvent(event: OutgoingEvent): MparticleEvent {
  const common = {
    source_message_id: event.id,
    timestamp_unixtime_ms: eventTimeMs(event.payload),
    custom_attributes: { tollgate_event_type: event.type, ...flatten(ownFields(event.payload)) },
  };
  const revenue = revenueOf(event);
  if (revenue && (revenue.type === 'purchase' || revenue.type === 'renewal')) {
    return {
      event_type: 'commerce_event',
      data: {
        ...common,
        currency_code: 'USD',
        // The user bought; a renewal happens to them.
        is_non_interactive: event.type !== 'user.subscription.purchased',
        product_action: {
          action: 'purchase',
          transaction_id: revenue.storeTransactionId,
          total_amount: revenue.usd,
          products: [{ id: revenue.skuRefId, price: revenue.usd, quantity: 1, total_product_amount: revenue.usd }],
        },
      },
    };
  }
  return { event_type: 'custom_event', data: { event_name: event.type, custom_event_type: 'transaction', ...common } };
}

/** mParticle takes scalars only: nested fields become `purchase_sku_ref_id`, nulls are left out. */
function flatten(fields: Record<string, unknown>, prefix = ''): Record<string, Scalar> {
  const flat: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(fields)) {
    const name = prefix === '' ? key : `${prefix}_${key}`;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      flat[name] = value;
    } else if (Array.isArray(value)) {
      flat[name] = value.map(String).join(',');
    } else if (typeof value === 'object' && value !== null) {
      Object.assign(flat, flatten(value as Record<string, unknown>, name));
    }
  }
  return flat;
}

function bulkRequest(settings: MparticleSettings, batchJsons: string[]) {
  const credentials = Buffer.from(`${settings.key}:${settings.secret}`, 'utf8').toString('base64');
  return {
    url: `${settings.baseUrl.replace(/\/+$/, '')}/bulkevents`,
    headers: { 'content-type': 'application/json', authorization: `Basic ${credentials}` },
    body: `[${batchJsons.join(',')}]`,
  };
}
