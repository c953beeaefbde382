import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import {
  type AmplitudeEvent,
  amplitudeError,
  checkRequest,
  failureReply,
  MAX_REQUEST_BYTES,
  PAYLOAD_TOO_LARGE,
} from './amplitude-rules.js';
import {
  type Answer,
  answerOf,
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

export type { AmplitudeEvent } from './amplitude-rules.js';

export interface AmplitudeReceivedEvent {
  apiKey: string;
  /** The event as Amplitude keeps it: a `user_id`/`device_id` shorter than the minimum is removed. */
  event: AmplitudeEvent;
  receivedAt: Date;
}

export interface AmplitudeRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON (after gunzip) when it parses, else the raw text. */
  body: unknown;
  /** The status answered, or `hung`/`closed` for a scripted non-answer. */
  status: Answer;
  receivedAt: Date;
}

export interface AmplitudeFakeOptions {
  /** Project API keys accepted; any other answers 400 `Invalid API key`. Default: any non-empty key. */
  apiKeys?: string[];
}

export interface AmplitudeFailOptions extends ScriptOptions {
  /** Sets `Retry-After` (Amplitude documents none; here to test that clients honour it anyway). */
  retryAfterSeconds?: number;
  /** Replaces the documented body: an object is sent as JSON, a string verbatim. */
  body?: unknown;
}

export interface AmplitudeFake {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `${url}/2/httpapi`, what an integration's endpoint setting takes. */
  readonly endpoint: string;
  /** Accepted events, each `insert_id` once per API key, in arrival order. */
  readonly events: AmplitudeReceivedEvent[];
  /** Every request received, scripted or not, in order. */
  readonly requests: AmplitudeRequest[];
  /**
   * Answers the next `count` requests to /2/httpapi with `status` and Amplitude's body for it: 429 throttles
   * every event of the request, 5xx is an HTML page (Amplitude's 5xx bodies are not JSON to rely on).
   * failNext, hangNext and closeNext share one queue, used in call order.
   */
  failNext(count: number, status: number, options?: AmplitudeFailOptions): void;
  /** Takes the next `count` requests and never answers them, until the client gives up or close(). */
  hangNext(count: number, options?: ScriptOptions): void;
  /** Reads the next `count` requests, then destroys the socket without answering (a reset). */
  closeNext(count: number, options?: ScriptOptions): void;
  /** How many unique events have been accepted. */
  received(): number;
  /** Resolves with `events` once it holds `count`; rejects after `timeoutMs` (default 5 s). */
  waitFor(count: number, timeoutMs?: number): Promise<AmplitudeReceivedEvent[]>;
  close(): Promise<void>;
}

const PATH = '/2/httpapi';

/** A fake of Amplitude's HTTP V2 API (`POST /2/httpapi`), validating and deduplicating like it. */
export async function startAmplitudeFake(options: AmplitudeFakeOptions = {}): Promise<AmplitudeFake> {
  const events: AmplitudeReceivedEvent[] = [];
  const requests: AmplitudeRequest[] = [];
  const script: Scripted[] = [];
  const seenInsertIds = new Set<string>();
  const arrivals = waiters(events, 'Amplitude events');

  function ingest(request: IncomingMessage, { parsed, size }: Decoded, receivedAt: Date): Reply {
    if (size >= MAX_REQUEST_BYTES) {
      return PAYLOAD_TOO_LARGE;
    }
    // V2 validates the type; the status and message for a wrong one are undocumented (a guess).
    if (mediaType(request.headers['content-type']) !== 'application/json') {
      return amplitudeError(400, 'Invalid request content type');
    }
    if (typeof parsed === 'string' || parsed === undefined) {
      return amplitudeError(400, parsed?.trim() === '' ? 'Missing request body' : 'Invalid JSON request body');
    }
    const checked = checkRequest(parsed, options.apiKeys);
    if ('reply' in checked) {
      return checked.reply;
    }
    for (const event of checked.events) {
      // Amplitude's dedupe window is 7 days; the fake's is its lifetime. Scoped by key, as a project is.
      const insertId = event.insert_id;
      if (typeof insertId === 'string' && insertId !== '') {
        const key = `${checked.apiKey}\n${insertId}`;
        if (seenInsertIds.has(key)) {
          continue;
        }
        seenInsertIds.add(key);
      }
      events.push({ apiKey: checked.apiKey, event, receivedAt });
    }
    arrivals.notify();
    return {
      status: 200,
      body: {
        code: 200,
        // Every event sent, duplicates included: Amplitude drops those later, not in the response (a guess).
        events_ingested: checked.events.length,
        payload_size_bytes: size,
        server_upload_time: receivedAt.getTime(),
      },
    };
  }

  function reply(request: IncomingMessage, body: Decoded, receivedAt: Date): Reply {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method !== 'POST' || path !== PATH) {
      return amplitudeError(404, 'Not found');
    }
    const scripted = script.shift();
    if (!scripted) {
      return ingest(request, body, receivedAt);
    }
    if (scripted.ingest) {
      ingest(request, body, receivedAt);
    }
    if (scripted.kind !== 'fail') {
      return scripted.kind;
    }
    const { status, headers } = scripted;
    const failure = scripted.body === undefined ? failureReply(status, body.parsed) : { status, body: scripted.body };
    return { ...failure, headers: { ...failure.headers, ...headers } };
  }

  const server = await serve((request, received) => {
    const receivedAt = new Date();
    const body = decode(request, received);
    const record: AmplitudeRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: body.parsed,
      status: 0,
      receivedAt,
    };
    requests.push(record);
    const answer = reply(request, body, receivedAt);
    record.status = answerOf(answer);
    return answer;
  });

  return {
    url: server.url,
    endpoint: `${server.url}${PATH}`,
    events,
    requests,
    failNext(count, status, { retryAfterSeconds, body, ingest = false } = {}) {
      queue(script, count, { kind: 'fail', status, body, headers: retryAfter(retryAfterSeconds), ingest });
    },
    hangNext(count, { ingest = false } = {}) {
      queue(script, count, { kind: 'hang', ingest });
    },
    closeNext(count, { ingest = false } = {}) {
      queue(script, count, { kind: 'close', ingest });
    },
    received: () => events.length,
    waitFor: (count, timeoutMs = 5_000) => arrivals.waitFor(count, timeoutMs),
    close: server.close,
  };
}

interface Decoded {
  /** JSON when it parses, else the text; undefined when a gzip body does not gunzip. */
  parsed: unknown;
  /** Bytes after gunzip: the limit applies to the payload, however it travelled (a guess). */
  size: number;
}

function decode(request: IncomingMessage, received: ReceivedBody): Decoded {
  if (request.headers['content-encoding']?.toLowerCase() !== 'gzip') {
    return { parsed: parsedOrText(received.bytes.toString('utf8')), size: received.size };
  }
  try {
    const bytes = gunzipSync(received.bytes);
    return { parsed: parsedOrText(bytes.toString('utf8')), size: bytes.length };
  } catch {
    return { parsed: undefined, size: received.size };
  }
}

function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase();
}
