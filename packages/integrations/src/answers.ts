import type { Response, Verdict } from './types.js';

type Answered = Extract<Response, { kind: 'answered' }>;
type Failed = Extract<Response, { kind: 'failed' }>;

/** The body as a JSON object, or null: proxies answer HTML, some answers are empty. */
export function jsonObject(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The start of a body on one line, for a reason an operator reads. */
export function excerpt(body: string, max = 200): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * How long the vendor asked us to wait: `Retry-After` in seconds, or as an HTTP date read
 * against the answer's own `Date` header (no clock here); null when absent or unreadable.
 */
export function retryAfterMs(headers: Record<string, string>): number | null {
  const value = headers['retry-after']?.trim();
  if (value === undefined || value === '') {
    return null;
  }
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  const at = Date.parse(value);
  const sent = Date.parse(headers.date ?? '');
  return Number.isNaN(at) || Number.isNaN(sent) ? null : Math.max(0, at - sent);
}

/** No answer at all: the events may or may not have arrived, and their keys make a re-send safe. */
export function noAnswer(vendor: string, response: Failed): Verdict {
  // No retry reaches an address Tollgate refuses: wait for an operator to change it.
  if (response.error === 'refused') {
    return { kind: 'pause', reason: `not sent to ${vendor}: ${response.message}` };
  }
  const reason =
    response.error === 'timeout'
      ? `${vendor} did not answer in time`
      : `could not reach ${vendor}: ${response.message}`;
  return { kind: 'retry', reason, afterMs: null, throttled: false };
}

/**
 * A status the vendor does not document. A redirect or an unknown path means the URL is
 * wrong, which no retry fixes: pause until an operator corrects it. Anything else is
 * taken as passing trouble.
 */
export function undocumentedStatus(vendor: string, response: Answered): Verdict {
  const answer = `${vendor} answered ${response.status}`;
  if ((response.status >= 300 && response.status < 400) || response.status === 404 || response.status === 405) {
    return { kind: 'pause', reason: `${answer}: check the integration's URL` };
  }
  return { kind: 'retry', reason: withBody(answer, response.body), afterMs: null, throttled: false };
}

export function withBody(reason: string, body: string): string {
  const text = excerpt(body);
  return text === '' ? reason : `${reason}: ${text}`;
}
