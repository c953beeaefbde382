import { jsonObject, noAnswer, retryAfterMs, undocumentedStatus, withBody } from './answers.js';
import type { PreparedRequest, Response, Verdict } from './types.js';

const VENDOR = 'Amplitude';
/** Amplitude pauses a throttled id for 30 s: its documented wait when no Retry-After says otherwise. */
const THROTTLE_MS = 30_000;

/** The 400 maps from field name to the positions of the events at fault, and how to say each. */
const INDEX_MAPS = [
  ['events_with_invalid_fields', (field: string) => `invalid value of "${field}"`],
  ['events_with_missing_fields', (field: string) => `missing "${field}"`],
  ['events_with_invalid_id_lengths', (field: string) => `"${field}" has an invalid length`],
] as const;

/**
 * What Amplitude's answer means, by HTTP status (the body's `code` is only an echo), with
 * the body read defensively: 5xx bodies from proxies are HTML or empty.
 */
export function amplitudeVerdict(response: Response, request: PreparedRequest): Verdict {
  if (response.kind === 'failed') {
    return noAnswer(VENDOR, response);
  }
  const { status } = response;
  if (status >= 200 && status < 300) {
    return { kind: 'delivered' };
  }
  if (status === 400) {
    return badRequest(response.body, request);
  }
  if (status === 401 || status === 403) {
    const why = status === 403 ? 'its firewall blocked the request' : 'check the API key';
    return { kind: 'pause', reason: withBody(`${VENDOR} answered ${status} (${why})`, response.body) };
  }
  if (status === 413) {
    return { kind: 'split', reason: `${VENDOR} answered 413: the request is too large` };
  }
  if (status === 429) {
    return {
      kind: 'retry',
      reason: withBody(`${VENDOR} answered 429: too many events for some users or devices`, response.body),
      afterMs: retryAfterMs(response.headers) ?? THROTTLE_MS,
      throttled: true,
    };
  }
  if (status >= 500) {
    // The events may or may not have been taken: their insert_ids make the re-send safe.
    return {
      kind: 'retry',
      reason: withBody(`${VENDOR} answered ${status}`, response.body),
      afterMs: null,
      throttled: false,
    };
  }
  return undocumentedStatus(VENDOR, response);
}

function badRequest(text: string, request: PreparedRequest): Verdict {
  const body = jsonObject(text);
  const error = typeof body?.error === 'string' ? body.error : null;
  if (error?.startsWith('Invalid API key')) {
    return { kind: 'pause', reason: `${VENDOR}: ${error}` };
  }
  const faults = body ? eventFaults(body) : new Map<number, string[]>();
  const dead = [...faults].flatMap(([index, reasons]) => {
    const eventId = request.eventIds[index];
    return eventId === undefined ? [] : [{ eventId, reason: `${VENDOR} refused the event: ${reasons.join('; ')}` }];
  });
  const said = error ?? 'invalid request';
  if (dead.length > 0) {
    return { kind: 'partial', dead, reason: `${VENDOR}: ${said}` };
  }
  if (faults.size > 0) {
    // The events it names are not ours to drop one by one (the test event): the request is refused.
    const reasons = [...new Set([...faults.values()].flat())];
    return { kind: 'dead', reason: `${VENDOR}: ${said}: ${reasons.join('; ')}` };
  }
  const missing = typeof body?.missing_field === 'string' ? ` (missing "${body.missing_field}")` : '';
  return { kind: 'dead', reason: body ? `${VENDOR}: ${said}${missing}` : withBody(`${VENDOR} answered 400`, text) };
}

/** Event position → what is wrong with it, from every index map in the body. */
function eventFaults(body: Record<string, unknown>): Map<number, string[]> {
  const faults = new Map<number, string[]>();
  const add = (index: unknown, reason: string) => {
    if (typeof index === 'number' && Number.isInteger(index)) {
      faults.set(index, [...(faults.get(index) ?? []), reason]);
    }
  };
  for (const [name, describe] of INDEX_MAPS) {
    const map = body[name];
    if (typeof map !== 'object' || map === null || Array.isArray(map)) {
      continue;
    }
    for (const [field, indexes] of Object.entries(map)) {
      for (const index of Array.isArray(indexes) ? indexes : []) {
        add(index, describe(field));
      }
    }
  }
  const silenced = body.silenced_events;
  for (const index of Array.isArray(silenced) ? silenced : []) {
    add(index, 'silenced: its device sent more events per second than Amplitude takes');
  }
  return faults;
}
