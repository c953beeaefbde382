import { jsonObject, noAnswer, retryAfterMs, undocumentedStatus, withBody } from './answers.js';
import type { PreparedRequest, Response, Verdict } from './types.js';

const VENDOR = 'mParticle';

/**
 * What mParticle's answer means. It judges a bulk request as a whole (202 even when only
 * some batches were taken), so no answer names single events.
 */
export function mparticleVerdict(response: Response, _request: PreparedRequest): Verdict {
  if (response.kind === 'failed') {
    return noAnswer(VENDOR, response);
  }
  const { status } = response;
  if (status >= 200 && status < 300) {
    return { kind: 'delivered' };
  }
  if (status === 400) {
    return { kind: 'dead', reason: `${VENDOR} answered 400: ${errorMessages(response.body)}` };
  }
  if (status === 401) {
    return { kind: 'pause', reason: `${VENDOR} answered 401: the request carried no credentials it takes` };
  }
  if (status === 403) {
    return { kind: 'pause', reason: `${VENDOR} answered 403: check the feed's server-to-server key and secret` };
  }
  if (status === 413) {
    return { kind: 'split', reason: `${VENDOR} answered 413: the request is too large` };
  }
  if (status === 429) {
    const scope = response.headers['x-mp-rate-limit-exceeded'];
    return {
      kind: 'retry',
      reason: `${VENDOR} answered 429: rate limit exceeded${scope ? ` (${scope})` : ''}`,
      afterMs: retryAfterMs(response.headers),
      throttled: true,
    };
  }
  if (status >= 500) {
    // The batches' source_request_ids make the re-send safe.
    return {
      kind: 'retry',
      reason: withBody(`${VENDOR} answered ${status}`, response.body),
      afterMs: null,
      throttled: false,
    };
  }
  return undocumentedStatus(VENDOR, response);
}

/** The `errors[].message` texts, or the body itself when it has none (mParticle sends details only when it knows them). */
function errorMessages(text: string): string {
  const errors = jsonObject(text)?.errors;
  const messages = (Array.isArray(errors) ? errors : []).flatMap((error: unknown) => {
    const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : null;
    return typeof message === 'string' ? [message] : [];
  });
  if (messages.length > 0) {
    return messages.join('; ');
  }
  return withBody('the request is invalid', text);
}
