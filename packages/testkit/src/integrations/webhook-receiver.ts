import { type IncomingHttpHeaders, STATUS_CODES } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { type Answer, answerOf, queue, type Reply, retryAfter, type Scripted, serve, waiters } from './http-fake.js';

export interface WebhookDelivery {
  method: string;
  /** Path and query, whatever the endpoint URL was. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body byte for byte as text: what the signature covers. */
  rawBody: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
  /** `webhook-id`: stays the same across retries, so it is the receiver's idempotency key. */
  id: string | undefined;
  /** The v1 signature matched and `webhook-timestamp` was within ±5 min of this machine's clock. */
  verified: boolean;
  /** Why not, in standardwebhooks' words: `Message timestamp too old`, `No matching signature found`, … */
  verificationError: string | undefined;
  /** An earlier delivery carried the same `webhook-id`. */
  duplicate: boolean;
  /** The status answered, or `hung`/`closed` for a scripted non-answer. */
  status: Answer;
  receivedAt: Date;
}

export interface WebhookReceiverOptions {
  /** The endpoint's signing secret, `whsec_` + base64. */
  secret: string;
  /** Answer 401 to deliveries that do not verify, as a strict receiver would. Default: 200, and flag them. */
  rejectUnverified?: boolean;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`; POSTs to any path under it are deliveries. */
  readonly url: string;
  /** Every request, retries and duplicates included, in arrival order. */
  readonly deliveries: WebhookDelivery[];
  /** The distinct `webhook-id`s delivered by POST, in order of first arrival. */
  uniqueIds(): string[];
  /**
   * Answers the next `count` POSTs with `status` and a short text body; a 3xx points `Location` back
   * at this receiver, so a client that follows redirects shows up as an extra delivery. failNext,
   * hangNext and closeNext share one queue, used in call order. Deliveries are recorded either way.
   */
  failNext(count: number, status: number, options?: { retryAfterSeconds?: number }): void;
  /** Takes the next `count` POSTs and never answers them, until the client gives up or close(). */
  hangNext(count: number): void;
  /** Reads the next `count` POSTs, then destroys the socket without answering (a reset). */
  closeNext(count: number): void;
  /** Resolves with `deliveries` once it holds `count` (retries count); rejects after `timeoutMs` (default 5 s). */
  waitFor(count: number, timeoutMs?: number): Promise<WebhookDelivery[]>;
  close(): Promise<void>;
}

/**
 * A receiver of Standard Webhooks deliveries (our outgoing webhook contract): verifies each with the
 * official `standardwebhooks` package, records it, and answers as scripted (200 by default).
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const verifier = new Webhook(options.secret);
  const deliveries: WebhookDelivery[] = [];
  const script: Scripted[] = [];
  const arrivals = waiters(deliveries, 'webhook deliveries');
  const seenIds = new Set<string>();

  function verify(rawBody: string, headers: IncomingHttpHeaders): string | undefined {
    const signed: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const value = headers[name];
      if (typeof value === 'string') {
        signed[name] = value;
      }
    }
    try {
      verifier.verify(rawBody, signed, { jsonParse: false });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  function reply(delivery: WebhookDelivery): Reply {
    if (delivery.method !== 'POST') {
      return { status: 405, body: 'Method Not Allowed', headers: { allow: 'POST' } };
    }
    const scripted = script.shift();
    if (scripted?.kind === 'fail') {
      return {
        status: scripted.status,
        body: `${scripted.status} ${STATUS_CODES[scripted.status] ?? ''}`,
        headers: scripted.headers,
      };
    }
    if (scripted) {
      return scripted.kind;
    }
    if (!delivery.verified && options.rejectUnverified) {
      return { status: 401, body: `Unverified webhook: ${delivery.verificationError}` };
    }
    return { status: 200 };
  }

  const server = await serve((request, received) => {
    const rawBody = received.bytes.toString('utf8');
    const id = typeof request.headers['webhook-id'] === 'string' ? request.headers['webhook-id'] : undefined;
    const verificationError = verify(rawBody, request.headers);
    const method = request.method ?? '';
    const delivery: WebhookDelivery = {
      method,
      url: request.url ?? '',
      headers: request.headers,
      rawBody,
      body: parseJson(rawBody),
      id,
      verified: verificationError === undefined,
      verificationError,
      duplicate: id !== undefined && method === 'POST' && seenIds.has(id),
      status: 0,
      receivedAt: new Date(),
    };
    if (id !== undefined && method === 'POST') {
      seenIds.add(id);
    }
    deliveries.push(delivery);
    const answer = reply(delivery);
    delivery.status = answerOf(answer);
    arrivals.notify();
    return answer;
  });

  return {
    url: server.url,
    deliveries,
    uniqueIds: () => [...seenIds],
    failNext(count, status, { retryAfterSeconds } = {}) {
      const location: Record<string, string> = status >= 300 && status < 400 ? { location: `${server.url}/moved` } : {};
      queue(script, count, {
        kind: 'fail',
        status,
        body: undefined,
        headers: { ...location, ...retryAfter(retryAfterSeconds) },
        ingest: false,
      });
    },
    hangNext(count) {
      queue(script, count, { kind: 'hang', ingest: false });
    },
    closeNext(count) {
      queue(script, count, { kind: 'close', ingest: false });
    },
    waitFor: (count, timeoutMs = 5_000) => arrivals.waitFor(count, timeoutMs),
    close: server.close,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
