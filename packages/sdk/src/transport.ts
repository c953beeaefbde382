import { isProblemDocument, localProblem, TollgateError } from './errors.js';

/** The part of `fetch` the SDK uses: the platform's own in browsers, React Native and Node ≥ 18. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface RetryOptions {
  /** Tries after the first, on a network error or a 5xx answer; never on a 4xx. Default 3. */
  retries?: number;
  /** The first wait; each next one doubles, with jitter. Default 250 ms. */
  baseDelayMs?: number;
  /** No wait is longer, whatever `Retry-After` asks. Default 8 s. */
  maxDelayMs?: number;
  /** One try's limit, after which it counts as a network error. Default 15 s. */
  timeoutMs?: number;
}

export interface TransportConfig {
  baseUrl: string;
  sdkKey: string;
  fetch: FetchLike;
  retry: Required<RetryOptions>;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  timeoutMs: 15_000,
};

/**
 * How long to wait before try `attempt + 1` (attempt 1 is the first retry): capped exponential,
 * jittered between half and all of it so that devices that failed together do not retry
 * together; never shorter than what the server asked in `Retry-After`, within the cap.
 */
export function retryDelay(
  attempt: number,
  random: number,
  options: Pick<Required<RetryOptions>, 'baseDelayMs' | 'maxDelayMs'>,
  retryAfterMs: number | null = null,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + (random * exponential) / 2;
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, options.maxDelayMs));
}

function retryAfterMs(header: string | null): number | null {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One SDK API call, tried again on network errors and 5xx answers. The body is made once by
 * the caller, so every try carries the same client ids: a retry of what was done is harmless.
 */
export async function send<T>(
  config: TransportConfig,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: object,
): Promise<T> {
  const { status, text } = await exchange(config, method, path, { body });
  return parse<T>(status, text);
}

/**
 * A GET the server may answer 304 Not Modified to: the cached answer is sent back as
 * If-None-Match, and kept when the server says it still holds.
 */
export async function sendCached<T>(
  config: TransportConfig,
  path: string,
  cached: { etag: string; value: T } | undefined,
): Promise<{ etag: string | null; value: T }> {
  const headers = cached ? { 'if-none-match': cached.etag } : undefined;
  const { status, text, etag } = await exchange(config, 'GET', path, { headers });
  if (status === 304 && cached) {
    return cached;
  }
  return { etag, value: parse<T>(status, text) };
}

async function exchange(
  config: TransportConfig,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  options: { body?: object | undefined; headers?: Record<string, string> | undefined },
): Promise<{ status: number; text: string; etag: string | null }> {
  const url = `${config.baseUrl}/sdk/v1${path}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${config.sdkKey}`,
    ...options.headers,
  };
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
  }
  for (let attempt = 0; ; attempt++) {
    const lastTry = attempt >= config.retry.retries;
    let answer: Awaited<ReturnType<FetchLike>>;
    let text: string;
    try {
      [answer, text] = await tryOnce(config, url, {
        method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
      });
    } catch (error) {
      if (lastTry) {
        const detail = `No answer from ${url} after ${attempt + 1} tries: ${String(error)}`;
        throw new TollgateError(localProblem(0, 'network_error', detail), { cause: error });
      }
      await sleep(retryDelay(attempt + 1, Math.random(), config.retry));
      continue;
    }
    if (answer.status >= 500 && !lastTry) {
      await sleep(
        retryDelay(attempt + 1, Math.random(), config.retry, retryAfterMs(answer.headers.get('retry-after'))),
      );
      continue;
    }
    return { status: answer.status, text, etag: answer.headers.get('etag') };
  }
}

async function tryOnce(
  config: TransportConfig,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<[Awaited<ReturnType<FetchLike>>, string]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), config.retry.timeoutMs);
  try {
    const answer = await config.fetch(url, { ...init, signal: abort.signal });
    return [answer, await answer.text()];
  } finally {
    clearTimeout(timer);
  }
}

function parse<T>(status: number, text: string): T {
  let document: unknown;
  try {
    document = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: a proxy's error page, say. Reported below as an unexpected response.
    document = undefined;
  }
  if (status >= 200 && status < 300 && document !== undefined) {
    return document as T;
  }
  if (status >= 400 && isProblemDocument(document)) {
    throw new TollgateError(document);
  }
  throw new TollgateError(
    localProblem(
      status,
      'unexpected_response',
      `HTTP ${status} with a body that is not the API’s: ${text.slice(0, 200)}`,
    ),
  );
}
