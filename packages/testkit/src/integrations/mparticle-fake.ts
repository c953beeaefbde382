import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import {
  type Answer,
  answerOf,
  type HttpReply,
  htmlErrorPage,
  parsedOrText,
  queue,
  type ReceivedBody,
  type Reply,
  retryAfter,
  type Scripted,
  type ScriptOptions,
  serve,
  waiters,
} from './http-fake.js';
import {
  badRequest,
  batchProblem,
  isObject,
  MAX_BATCH_BYTES,
  MAX_BULK_BATCHES,
  MAX_REQUEST_BYTES,
  tooLarge,
} from './mparticle-rules.js';

/** The server-to-server key and secret of one mParticle input (a platform or custom feed). */
export interface MparticleFeed {
  key: string;
  secret: string;
}

export type MparticleBatch = Record<string, unknown>;

export interface MparticleReceivedBatch {
  /** The key of the feed whose credentials sent it. */
  feedKey: string;
  batch: MparticleBatch;
  path: '/v2/events' | '/v2/bulkevents';
  receivedAt: Date;
}

export interface MparticleRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when it parses, else the raw text. */
  body: unknown;
  /** The feed whose Basic credentials matched, if any. */
  feedKey: string | undefined;
  /** The status answered, or `hung`/`closed` for a scripted non-answer. */
  status: Answer;
  /**
   * Invalid batches of a bulk request that was still answered 202 because others were accepted (mParticle
   * answers 202 "also when only some batches succeed"; that the rest are dropped is a guess).
   */
  rejected: Array<{ index: number; message: string }>;
  receivedAt: Date;
}

export type MparticleRateLimitScope = 'org' | 'account' | 'app' | 'feed' | 'workspace' | 'system' | 'acceleration';

export interface MparticleFakeOptions {
  feeds: MparticleFeed[];
}

export interface MparticleFailOptions extends ScriptOptions {
  retryAfterSeconds?: number;
  /** Sets `x-mp-rate-limit-exceeded` to this scope (sent bare; whether mParticle quotes it is unknown). */
  rateLimitExceeded?: MparticleRateLimitScope;
  /** A body for the reply (an object as JSON, a string verbatim). Default: none, except HTML for 5xx. */
  body?: unknown;
}

export interface MparticleFake {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `${url}/v2`, what an integration's base URL setting takes (as `https://s2s.us1.mparticle.com/v2`). */
  readonly baseUrl: string;
  /** Accepted batches, each `source_request_id` once per feed key, in arrival order. */
  readonly batches: MparticleReceivedBatch[];
  /** Every request received, scripted or not, in order. */
  readonly requests: MparticleRequest[];
  /** Sent as `x-mp-rate-limit-percentage-used` on every 202; default 0. */
  rateLimitPercentageUsed: number;
  /**
   * Answers the next `count` requests to a /v2 route with `status`: empty body (401, 403, 429, a bare 400),
   * HTML for 5xx. failNext, hangNext and closeNext share one queue, used in call order.
   */
  failNext(count: number, status: number, options?: MparticleFailOptions): void;
  /** Takes the next `count` requests and never answers them, until the client gives up or close(). */
  hangNext(count: number, options?: ScriptOptions): void;
  /** Reads the next `count` requests, then destroys the socket without answering (a reset). */
  closeNext(count: number, options?: ScriptOptions): void;
  /** Resolves with `batches` once it holds `count`; rejects after `timeoutMs` (default 5 s). */
  waitFor(count: number, timeoutMs?: number): Promise<MparticleReceivedBatch[]>;
  close(): Promise<void>;
}

const PATHS = ['/v2/events', '/v2/bulkevents'] as const;
type Path = (typeof PATHS)[number];

/** A fake of mParticle's server-to-server Events API (`/v2/events`, `/v2/bulkevents`) with per-feed Basic auth. */
export async function startMparticleFake(options: MparticleFakeOptions): Promise<MparticleFake> {
  const batches: MparticleReceivedBatch[] = [];
  const requests: MparticleRequest[] = [];
  const script: Scripted[] = [];
  const seenRequestIds = new Set<string>();
  const arrivals = waiters(batches, 'mParticle batches');

  function feedOf(authorization: string | undefined): string | undefined {
    const encoded = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const [key, ...secret] = Buffer.from(encoded ?? '', 'base64')
      .toString('utf8')
      .split(':');
    return options.feeds.find((feed) => feed.key === key && feed.secret === secret.join(':'))?.key;
  }

  function ingest(path: Path, record: MparticleRequest, received: ReceivedBody): HttpReply {
    if (record.headers.authorization === undefined) {
      return { status: 401 };
    }
    if (record.feedKey === undefined) {
      return { status: 403 };
    }
    if (received.size > MAX_REQUEST_BYTES) {
      return tooLarge(`Request body is ${received.size} bytes; at most ${MAX_REQUEST_BYTES} are accepted.`);
    }
    const body = record.body;
    if (typeof body === 'string') {
      return badRequest('Request body is not valid JSON.');
    }
    const candidates = path === '/v2/events' ? [body] : body;
    if (path === '/v2/bulkevents') {
      // The status for an empty or over-long bulk array is a guess.
      if (!Array.isArray(body) || body.length === 0) {
        return badRequest('Request body must be a non-empty JSON array of batches.');
      }
      if (body.length > MAX_BULK_BATCHES) {
        return badRequest(`A bulk request holds at most ${MAX_BULK_BATCHES} batches; got ${body.length}.`);
      }
    }
    const list = candidates as unknown[];
    if (list.some((batch) => Buffer.byteLength(JSON.stringify(batch)) > MAX_BATCH_BYTES)) {
      return tooLarge(`A batch is over ${MAX_BATCH_BYTES} bytes.`);
    }
    const accepted: MparticleBatch[] = [];
    list.forEach((batch, index) => {
      const message = batchProblem(batch);
      if (message === undefined && isObject(batch)) {
        accepted.push(batch);
      } else {
        record.rejected.push({ index, message: message ?? '' });
      }
    });
    if (accepted.length === 0) {
      return badRequest(...record.rejected.map(({ message }) => message));
    }
    for (const batch of accepted) {
      // Scoped by key as mParticle scopes it; remembered for the fake's lifetime (mParticle: 30–60 days).
      const requestId = batch.source_request_id;
      if (typeof requestId === 'string' && requestId !== '') {
        const key = `${record.feedKey}\n${requestId}`;
        if (seenRequestIds.has(key)) {
          continue;
        }
        seenRequestIds.add(key);
      }
      batches.push({ feedKey: record.feedKey, batch, path, receivedAt: record.receivedAt });
    }
    arrivals.notify();
    return { status: 202, headers: { 'x-mp-rate-limit-percentage-used': String(fake.rateLimitPercentageUsed) } };
  }

  function reply(request: IncomingMessage, record: MparticleRequest, received: ReceivedBody): Reply {
    const path = PATHS.find((candidate) => candidate === new URL(request.url ?? '/', 'http://fake').pathname);
    if (request.method !== 'POST' || path === undefined) {
      // mParticle's 404 body is undocumented: this one only helps whoever reads a failing test.
      return {
        status: 404,
        body: { errors: [{ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}` }] },
      };
    }
    const scripted = script.shift();
    if (!scripted) {
      return ingest(path, record, received);
    }
    if (scripted.ingest) {
      ingest(path, record, received);
    }
    if (scripted.kind !== 'fail') {
      return scripted.kind;
    }
    const { status, body, headers } = scripted;
    if (body === undefined && status >= 500) {
      const page = htmlErrorPage(status);
      return { ...page, headers: { ...page.headers, ...headers } };
    }
    return { status, body, headers };
  }

  const server = await serve((request, received) => {
    const record: MparticleRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: parsedOrText(received.bytes.toString('utf8')),
      feedKey: feedOf(request.headers.authorization),
      status: 0,
      rejected: [],
      receivedAt: new Date(),
    };
    requests.push(record);
    const answer = reply(request, record, received);
    record.status = answerOf(answer);
    return answer;
  });

  const fake: MparticleFake = {
    url: server.url,
    baseUrl: `${server.url}/v2`,
    batches,
    requests,
    rateLimitPercentageUsed: 0,
    failNext(count, status, { retryAfterSeconds, rateLimitExceeded, body, ingest = false } = {}) {
      const headers = {
        ...retryAfter(retryAfterSeconds),
        ...(rateLimitExceeded === undefined ? {} : { 'x-mp-rate-limit-exceeded': rateLimitExceeded }),
      };
      queue(script, count, { kind: 'fail', status, body, headers, ingest });
    },
    hangNext(count, { ingest = false } = {}) {
      queue(script, count, { kind: 'hang', ingest });
    },
    closeNext(count, { ingest = false } = {}) {
      queue(script, count, { kind: 'close', ingest });
    },
    waitFor: (count, timeoutMs = 5_000) => arrivals.waitFor(count, timeoutMs),
    close: server.close,
  };
  return fake;
}
