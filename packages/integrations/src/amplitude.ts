import { STORE_PLATFORM_INFO } from '@tollgate/core';
import { deviceIdOf, eventTimeMs, ownFields } from './event-fields.js';
import { vendorUserId } from './identity.js';
import { byteLength, packBySize, type Sized } from './json-batches.js';
import { revenueOf } from './revenue.js';
import type { AmplitudeSettings, OutgoingEvent, PreparedRequest, Skipped } from './types.js';
import { isUserEvent, userAttributes } from './user-attributes.js';

/** "≤ 2,000" in the current docs, "fewer than 2000" in older ones: 1,999 satisfies both. */
const MAX_EVENTS = 1_999;
/** Amplitude takes bodies under 1 MB: under a million bytes is under either kind of megabyte. */
const MAX_BODY_BYTES = 999_999;
/** Amplitude drops ids under 5 characters unless told otherwise; ours are what they are. */
const OPTIONS = { min_id_length: 1 };
const MAX_STRING_LENGTH = 1024;

/** Ids Amplitude refuses outright (its docs' list); compared without case, like its checks. */
const INVALID_IDS: ReadonlySet<string> = new Set([
  'anonymous',
  'nil',
  'none',
  'null',
  'n/a',
  'na',
  'undefined',
  'unknown',
  '',
  '00000000-0000-0000-0000-000000000000',
  '{}',
  'lmy47d',
  '0',
  '-1',
]);

const TEST_USER_ID = 'tollgate-test-user';

/** HTTP V2 requests carrying the events, in their order, and the events Amplitude could not take. */
export function amplitudeRequests(
  events: OutgoingEvent[],
  settings: AmplitudeSettings,
): { requests: PreparedRequest[]; skipped: Skipped[] } {
  const skipped: Skipped[] = [];
  const mapped: Sized[] = [];
  const shellBytes = byteLength(body(settings, []));
  for (const event of events) {
    const result = amplitudeEvent(event, settings);
    if ('reason' in result) {
      skipped.push({ eventId: event.id, reason: result.reason });
      continue;
    }
    const json = JSON.stringify(result.event);
    if (shellBytes + byteLength(json) > MAX_BODY_BYTES) {
      skipped.push({ eventId: event.id, reason: 'the event is too large for Amplitude (1 MB per request)' });
      continue;
    }
    mapped.push({ json, eventIds: [event.id] });
  }
  const groups = packBySize(mapped, { shellBytes, maxBytes: MAX_BODY_BYTES, maxItems: MAX_EVENTS });
  const requests = groups.map((group) => ({
    request: request(
      settings,
      group.map((item) => item.json),
    ),
    eventIds: group.flatMap((item) => item.eventIds),
  }));
  return { requests, skipped };
}

/** A harmless event for "send test event": a fixed test user, no revenue, a fresh insert_id per test. */
export function amplitudeTestRequest(settings: AmplitudeSettings, now: Date): PreparedRequest {
  const event = {
    user_id: TEST_USER_ID,
    event_type: 'Tollgate test event',
    time: now.getTime(),
    insert_id: `tollgate-test:${settings.integrationId}:${now.getTime()}`,
    event_properties: { sent_by: 'Tollgate', integration_id: settings.integrationId },
  };
  return { request: request(settings, [JSON.stringify(event)]), eventIds: [] };
}

function amplitudeEvent(
  event: OutgoingEvent,
  settings: AmplitudeSettings,
): { event: Record<string, unknown> } | { reason: string } {
  const { payload } = event;
  const user = vendorUserId(payload, settings.userId);
  if ('reason' in user) {
    return user;
  }
  const problem = idProblem(user.id);
  if (problem !== null) {
    return { reason: `Amplitude refuses the user's id: ${problem}` };
  }
  const deviceId = deviceIdOf(payload);
  const revenue = revenueOf(event);
  return {
    event: {
      user_id: user.id,
      ...(deviceId !== null && idProblem(deviceId) === null ? { device_id: deviceId } : {}),
      event_type: event.type,
      time: eventTimeMs(payload),
      // The same on every re-send of this event to this integration: Amplitude drops repeats for 7 days.
      insert_id: `${event.id}:${settings.integrationId}`,
      platform: STORE_PLATFORM_INFO[payload.event_platform].name,
      event_properties: {
        ...ownFields(payload),
        ...(revenue ? { original_currency: revenue.originalCurrency, original_amount: revenue.originalAmount } : {}),
      },
      ...(isUserEvent(event.type) ? { user_properties: userAttributes(payload) } : {}),
      ...(revenue
        ? {
            price: revenue.usd,
            quantity: 1,
            revenue: revenue.usd,
            productId: revenue.skuRefId,
            revenueType: revenue.type,
            currency: 'USD',
          }
        : {}),
    },
  };
}

function idProblem(id: string): string | null {
  if (INVALID_IDS.has(id.trim().toLowerCase())) {
    return `"${id}" is one of the ids it treats as missing`;
  }
  if (id.length > MAX_STRING_LENGTH) {
    return `longer than ${MAX_STRING_LENGTH} characters`;
  }
  return null;
}

function request(settings: AmplitudeSettings, eventJsons: string[]) {
  return {
    url: settings.endpoint,
    headers: { 'content-type': 'application/json' },
    body: body(settings, eventJsons),
  };
}

/** The body as `JSON.stringify({ api_key, events, options })` would write it, from events already serialized. */
function body(settings: AmplitudeSettings, eventJsons: string[]): string {
  return `{"api_key":${JSON.stringify(settings.apiKey)},"events":[${eventJsons.join(',')}],"options":${JSON.stringify(OPTIONS)}}`;
}
