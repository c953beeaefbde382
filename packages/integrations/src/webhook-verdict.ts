import { excerpt, noAnswer, retryAfterMs, withBody } from './answers.js';
import type { Response, Verdict } from './types.js';

const VENDOR = 'the endpoint';
/** A receiver's Retry-After is honoured up to an hour: beyond that, the schedule decides. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * What a receiver's answer means (Standard Webhooks): any 2xx is delivered, 410 Gone
 * pauses the endpoint, everything else (redirects included: they are not followed) is a
 * failed attempt that the retry schedule answers.
 */
export function webhookVerdict(response: Response): Verdict {
  if (response.kind === 'failed') {
    return noAnswer(VENDOR, response);
  }
  const { status } = response;
  if (status >= 200 && status < 300) {
    return { kind: 'delivered' };
  }
  if (status === 410) {
    return { kind: 'pause', reason: 'the endpoint answered 410 Gone: it asks for no more events' };
  }
  if (status === 429 || status === 503) {
    const asked = retryAfterMs(response.headers);
    return {
      kind: 'retry',
      reason: withBody(`the endpoint answered ${status}`, response.body),
      afterMs: asked === null ? null : Math.min(asked, MAX_RETRY_AFTER_MS),
      throttled: status === 429,
    };
  }
  const location = response.headers.location;
  const reason =
    status >= 300 && status < 400 && location
      ? `the endpoint answered ${status} to ${excerpt(location)} (redirects are not followed)`
      : withBody(`the endpoint answered ${status}`, response.body);
  return { kind: 'retry', reason, afterMs: null, throttled: false };
}
