import { STATUS_CODES } from 'node:http';
import { type HttpReply, htmlErrorPage } from './http-fake.js';

/** Amplitude's HTTP V2 limits: "< 1 MB" read as decimal (the stricter reading), "≤ 2,000 events". */
export const MAX_REQUEST_BYTES = 1_000_000;
const MAX_EVENTS = 2_000;
const DEFAULT_MIN_ID_LENGTH = 5;

/** Ids Amplitude rejects outright (compared case-insensitively: a guess). */
const INVALID_IDS = new Set([
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

export type AmplitudeEvent = Record<string, unknown>;

export type Checked = { reply: HttpReply } | { apiKey: string; events: AmplitudeEvent[] };

/** Amplitude's error body: `code` always equals the status, since the official SDK reads the status from it. */
export function amplitudeError(status: number, error: string, detail: Record<string, unknown> = {}): HttpReply {
  return { status, body: { code: status, error, ...detail } };
}

export const PAYLOAD_TOO_LARGE = amplitudeError(413, 'Payload too large');

/**
 * Validates a parsed request body the way HTTP V2 does, in the checklist's order. Events come back as
 * Amplitude keeps them: ids shorter than the minimum removed.
 */
export function checkRequest(body: unknown, apiKeys: readonly string[] | undefined): Checked {
  if (!isObject(body)) {
    return { reply: amplitudeError(400, 'Invalid JSON request body') };
  }
  const apiKey = body.api_key;
  if (typeof apiKey !== 'string' || apiKey === '') {
    return { reply: amplitudeError(400, 'Request missing required field', { missing_field: 'api_key' }) };
  }
  if (apiKeys !== undefined && !apiKeys.includes(apiKey)) {
    return { reply: amplitudeError(400, 'Invalid API key') };
  }
  const events = body.events;
  // An empty array counts as missing: "at least one event" (the status for it is a guess).
  if (events === undefined || events === null || (Array.isArray(events) && events.length === 0)) {
    return { reply: amplitudeError(400, 'Request missing required field', { missing_field: 'events' }) };
  }
  if (!Array.isArray(events) || !events.every(isObject)) {
    return { reply: amplitudeError(400, 'Invalid event JSON') };
  }
  if (events.length > MAX_EVENTS) {
    return { reply: PAYLOAD_TOO_LARGE };
  }
  const options = isObject(body.options) ? body.options : {};
  const minIdLength = Number.isInteger(options.min_id_length) ? Number(options.min_id_length) : DEFAULT_MIN_ID_LENGTH;
  const problems = { missing: {}, invalid: {}, idLengths: {} };
  const kept = events.map((event, index) => checkEvent(event, index, minIdLength, problems));
  return problemReply(problems) ?? { apiKey, events: kept };
}

type IndexMap = Record<string, number[]>;
interface Problems {
  missing: IndexMap;
  invalid: IndexMap;
  idLengths: IndexMap;
}

function checkEvent(event: AmplitudeEvent, index: number, minIdLength: number, problems: Problems): AmplitudeEvent {
  if (typeof event.event_type !== 'string' || event.event_type === '') {
    add(problems.missing, 'event_type', index);
  }
  if (event.time !== undefined && !Number.isInteger(event.time)) {
    add(problems.invalid, 'time', index);
  }
  const kept = { ...event };
  const tooShort: string[] = [];
  let usable = false;
  let invalid = false;
  for (const field of ['user_id', 'device_id'] as const) {
    const value = event[field];
    if (value === undefined || value === null) {
      continue;
    }
    // Numbers are taken as their digits (a device id of 1 was seen answered as too short).
    const id = typeof value === 'number' ? String(value) : value;
    if (typeof id !== 'string' || INVALID_IDS.has(id.trim().toLowerCase())) {
      add(problems.invalid, field, index);
      invalid = true;
    } else if (id.length < minIdLength) {
      delete kept[field];
      tooShort.push(field);
    } else {
      usable = true;
    }
  }
  if (!usable && !invalid) {
    // Short ids are dropped; only an event left with neither fails, with the map seen from the live API.
    // Which fields an event with no id at all is listed under is a guess: both.
    const fields = tooShort.length > 0 ? tooShort : ['user_id', 'device_id'];
    for (const field of fields) {
      add(tooShort.length > 0 ? problems.idLengths : problems.missing, field, index);
    }
  }
  return kept;
}

/** One 400 for the whole request (nothing of it is ingested), naming the worst kind of problem. */
function problemReply({ missing, invalid, idLengths }: Problems): { reply: HttpReply } | undefined {
  const maps = {
    ...(Object.keys(missing).length > 0 ? { events_with_missing_fields: missing } : {}),
    ...(Object.keys(invalid).length > 0 ? { events_with_invalid_fields: invalid } : {}),
    ...(Object.keys(idLengths).length > 0 ? { events_with_invalid_id_lengths: idLengths } : {}),
  };
  if (maps.events_with_missing_fields) {
    return { reply: amplitudeError(400, 'Request missing required field', maps) };
  }
  if (maps.events_with_invalid_fields) {
    return { reply: amplitudeError(400, 'Invalid field values on some events', maps) };
  }
  if (maps.events_with_invalid_id_lengths) {
    return { reply: amplitudeError(400, 'Invalid id length for user_id or device_id', maps) };
  }
  return undefined;
}

/** The documented body for an injected failure of `status`, shaped from the request it answers. */
export function failureReply(status: number, body: unknown): HttpReply {
  if (status >= 500) {
    return htmlErrorPage(status);
  }
  switch (status) {
    case 400:
      return amplitudeError(400, 'Invalid event JSON');
    case 403:
      return amplitudeError(403, 'Forbidden');
    case 413:
      return PAYLOAD_TOO_LARGE;
    case 429:
      return throttled(body);
    default:
      return amplitudeError(status, STATUS_CODES[status] ?? 'Error');
  }
}

/** A 429 that throttles every event of the request, each id just over the 30 events/s threshold. */
function throttled(body: unknown): HttpReply {
  const events = isObject(body) && Array.isArray(body.events) ? body.events.filter(isObject) : [];
  const over = (field: string) =>
    Object.fromEntries(events.flatMap((event) => (typeof event[field] === 'string' ? [[event[field], 31]] : [])));
  return amplitudeError(429, 'Too many requests for some devices and users', {
    eps_threshold: 30,
    throttled_devices: over('device_id'),
    throttled_users: over('user_id'),
    exceeded_daily_quota_users: {},
    exceeded_daily_quota_devices: {},
    throttled_events: events.map((_, index) => index),
  });
}

function add(map: IndexMap, field: string, index: number): void {
  map[field] = [...(map[field] ?? []), index];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
