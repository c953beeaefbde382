import { performance } from 'node:perf_hooks';
import { type Response as FetchResponse, fetch } from 'undici';
import { type Destinations, NOT_PUBLIC_CODE, PUBLIC_ONLY, refusedDestination } from './destinations.js';
import type { OutgoingRequest, Response } from './types.js';

/** Enough of any answer to read an error from; a receiver cannot make us hold more. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The package's one I/O: POST the request and say what came back, never throwing.
 * Redirects are not followed (a 3xx is the answer), the whole exchange has `timeoutMs`,
 * at most 64 KB of the body is read, and with `destinations: 'public'` a host on a private
 * network is refused before anything is sent: by name first (a clear answer for the address an
 * operator typed), then on the addresses each connection is made to (a DNS answer that changed
 * in between is refused too).
 */
export async function sendRequest(
  request: OutgoingRequest,
  options: { timeoutMs: number; destinations: Destinations },
): Promise<Response> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refused = await refusedDestination(request.url, options.destinations);
  if (refused !== null) {
    return { kind: 'failed', error: 'refused', message: refused, durationMs: elapsed() };
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  let answer: FetchResponse;
  try {
    answer = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
      ...(options.destinations === 'public' ? { dispatcher: PUBLIC_ONLY } : {}),
    });
  } catch (error) {
    return { kind: 'failed', ...failure(error, signal, options.timeoutMs), durationMs: elapsed() };
  }
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  // The status line is the answer: a body cut short by the timeout still leaves it.
  const body = await readBody(answer);
  return { kind: 'answered', status: answer.status, headers, body, durationMs: elapsed() };
}

/** Up to 64 KB of the body as text; what arrived before an error or the timeout. */
async function readBody(answer: FetchResponse): Promise<string> {
  if (answer.body === null) {
    return '';
  }
  const reader = answer.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // Cut off mid-body: keep what came.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(Math.min(size, MAX_BODY_BYTES));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder().decode(bytes);
}

function failure(
  error: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): { error: 'timeout' | 'connection' | 'refused'; message: string } {
  if (signal.aborted) {
    return { error: 'timeout', message: `no answer within ${timeoutMs} ms` };
  }
  // fetch says "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND, a reset) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (code === NOT_PUBLIC_CODE) {
    return { error: 'refused', message };
  }
  return { error: 'connection', message: code && !message.includes(code) ? `${code}: ${message}` : message };
}
