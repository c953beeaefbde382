import { createServer, type IncomingMessage, STATUS_CODES } from 'node:http';

/** What a fake did with a request: the status it answered, or that it never answered. */
export type Answer = number | 'hung' | 'closed';

/** A status with a body: JSON unless a string, none when undefined. */
export interface HttpReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How a fake answers a request, or that it leaves it hanging or drops the connection. */
export type Reply = HttpReply | 'hang' | 'close';

/** A reply queued by failNext/hangNext/closeNext; `ingest` lets the request take effect first. */
export type Scripted =
  | { kind: 'fail'; status: number; body: unknown; headers: Record<string, string>; ingest: boolean }
  | { kind: 'hang' | 'close'; ingest: boolean };

export interface ScriptOptions {
  /**
   * Process the request as if it succeeded (validate, record, remember ids) before failing it: the
   * "vendor kept it but the client never heard" case that dedupe exists for. Default false.
   */
  ingest?: boolean;
}

/** Past this a fake stops keeping the body (every limit it enforces is far lower). */
const MAX_KEPT_BYTES = 16 * 1024 * 1024;

export interface ReceivedBody {
  bytes: Buffer;
  /** Bytes on the wire, counted even past what was kept. */
  size: number;
}

export interface HttpFakeServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 on a port the OS picks (so no race with another fake), one reply per request. */
export async function serve(
  handle: (request: IncomingMessage, body: ReceivedBody) => Reply | Promise<Reply>,
): Promise<HttpFakeServer> {
  const server = createServer((request, response) => {
    void (async () => {
      let reply: Reply;
      try {
        reply = await handle(request, await readBody(request));
      } catch (error) {
        // A bug in a fake should fail the test loudly, not hang it.
        reply = { status: 500, body: `fake crashed: ${error instanceof Error ? error.stack : String(error)}` };
      }
      if (reply === 'close') {
        request.socket.destroy();
        return;
      }
      // A hanging request stays open until the client gives up or close() drops it.
      if (reply !== 'hang') {
        const text =
          reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        const type =
          reply.body === undefined
            ? {}
            : { 'content-type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' };
        response.writeHead(reply.status, { ...type, ...reply.headers });
        response.end(text);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('the fake is not listening on TCP');
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    close() {
      // Hanging requests would keep close() waiting forever.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function readBody(request: IncomingMessage): Promise<ReceivedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (size + chunk.length <= MAX_KEPT_BYTES) {
      chunks.push(chunk);
    }
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), size };
}

/** The body as a test would want to see it: parsed JSON when it parses, else the raw text. */
export function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function answerOf(reply: Reply): Answer {
  return reply === 'hang' ? 'hung' : reply === 'close' ? 'closed' : reply.status;
}

export function queue(script: Scripted[], count: number, item: Scripted): void {
  for (let i = 0; i < count; i++) {
    script.push(item);
  }
}

export function retryAfter(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'retry-after': String(seconds) };
}

/** What a load balancer in front of a vendor says on a 5xx: HTML, so clients must not assume JSON. */
export function htmlErrorPage(status: number): HttpReply {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return {
    status,
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
    headers: { 'content-type': 'text/html' },
  };
}

export interface Waiters<T> {
  /** Call after `items` grows. */
  notify(): void;
  waitFor(count: number, timeoutMs: number): Promise<T[]>;
}

/** Promises that settle once `items` holds `count` entries, so tests await arrivals instead of sleeping. */
export function waiters<T>(items: readonly T[], what: string): Waiters<T> {
  const pending = new Set<{ count: number; resolve: () => void }>();
  return {
    notify() {
      for (const waiter of pending) {
        if (items.length >= waiter.count) {
          pending.delete(waiter);
          waiter.resolve();
        }
      }
    },
    waitFor(count, timeoutMs) {
      if (items.length >= count) {
        return Promise.resolve([...items]);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve([...items]);
          },
        };
        const timer = setTimeout(() => {
          pending.delete(waiter);
          reject(new Error(`waited ${timeoutMs} ms for ${count} ${what}, got ${items.length}`));
        }, timeoutMs);
        pending.add(waiter);
      });
    },
  };
}
