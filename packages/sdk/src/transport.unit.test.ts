import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { MemoryStorage, Tollgate, TollgateError } from './index.js';
import { retryDelay } from './transport.js';

/**
 * A stand-in for Tollgate on 127.0.0.1: it records every request and answers from a script,
 * one entry per request (the last one repeats), so that a test can fail the first tries.
 */
interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

type Scripted = { status: number; body?: unknown; raw?: string } | 'drop';

let server: Server;
let baseUrl: string;
let script: Scripted[] = [];
let received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  script = [];
  received = [];
});

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
  }
  received.push({
    method: request.method ?? '',
    url: request.url ?? '',
    authorization: request.headers.authorization,
    body: text === '' ? undefined : JSON.parse(text),
  });
  const next = script[Math.min(received.length - 1, script.length - 1)] ?? { status: 500 };
  if (next === 'drop') {
    request.socket.destroy();
    return;
  }
  const isProblem = next.status >= 400 && next.raw === undefined;
  response.writeHead(next.status, {
    'content-type':
      next.raw === undefined ? (isProblem ? 'application/problem+json' : 'application/json') : 'text/html',
  });
  response.end(next.raw ?? JSON.stringify(next.body ?? {}));
}

function problem(status: number, code: string, errors: unknown[] = []) {
  return { type: `urn:tollgate:problem:${code}`, title: 'x', status, code, detail: `detail of ${code}`, errors };
}

const unavailable = { status: 503, body: problem(503, 'shutting_down') };

function aClient(storage = new MemoryStorage()) {
  return new Tollgate({ sdkKey: 'tgp_test', baseUrl: `${baseUrl}/`, storage, retry: { baseDelayMs: 1 } });
}

describe('retries', () => {
  test('a 503 twice, then 201: tried three times with the same session id, and succeeds', async () => {
    script = [unavailable, unavailable, { status: 201, body: { outcome: 'started' } }];

    const answerOf = await aClient().startSession();

    expect(answerOf.outcome).toBe('started');
    expect(received).toHaveLength(3);
    const sessionIds = received.map((request) => (request.body as { session_id: string }).session_id);
    expect(new Set(sessionIds)).toEqual(new Set([answerOf.session_id]));
  });

  test('a dropped connection, then 201: tried again with the same transaction id', async () => {
    script = ['drop', { status: 201, body: { outcome: 'recorded', purchase_id: 'p', user_id: 'u', events: [] } }];

    await aClient().recordTransaction({ testStore: { skuRefId: 'monthly' } });

    expect(received).toHaveLength(2);
    expect(received[0]?.body).toEqual(received[1]?.body);
  });

  test('a 400 is not tried again, and surfaces as a TollgateError with the problem document', async () => {
    const errors = [{ location: 'body', field: 'country', message: 'An ISO 3166-1 alpha-2 code, such as US' }];
    script = [{ status: 400, body: problem(400, 'validation_failed', errors) }];

    const failure = await aClient()
      .register({ country: 'us' })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TollgateError);
    expect(failure).toMatchObject({
      status: 400,
      code: 'validation_failed',
      detail: 'detail of validation_failed',
      errors,
    });
    expect(received).toHaveLength(1);
  });

  test('a 404 is not tried again', async () => {
    script = [{ status: 404, body: problem(404, 'device_not_found') }];

    await expect(aClient().customerInfo()).rejects.toMatchObject({ status: 404, code: 'device_not_found' });
    expect(received).toHaveLength(1);
  });

  test('a 503 every time: tried a bounded number of times, then the last problem surfaces', async () => {
    script = [unavailable];
    const client = new Tollgate({
      sdkKey: 'tgp_test',
      baseUrl,
      storage: new MemoryStorage(),
      retry: { retries: 2, baseDelayMs: 1 },
    });

    await expect(client.logout()).rejects.toMatchObject({ status: 503, code: 'shutting_down' });
    expect(received).toHaveLength(3);
  });

  test('no answer at all: network_error after the retries, with status 0', async () => {
    script = ['drop'];

    const failure = await aClient()
      .login('customer-1')
      .catch((error: unknown) => error);

    expect(failure).toMatchObject({ name: 'TollgateError', status: 0, code: 'network_error' });
    expect(received).toHaveLength(4);
  });

  test('a 502 page that is not the API’s: unexpected_response with its status', async () => {
    script = [{ status: 502, raw: '<html>Bad Gateway</html>' }];

    await expect(aClient().customerInfo()).rejects.toMatchObject({ status: 502, code: 'unexpected_response' });
    expect(received).toHaveLength(4);
  });
});

describe('the wait before a retry', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000 };

  test.each([
    [1, 50, 100],
    [2, 100, 200],
    [3, 200, 400],
    [5, 500, 1000],
    [9, 500, 1000],
  ])('before retry %i is between %i and %i ms', (attempt, least, most) => {
    expect(retryDelay(attempt, 0, options)).toBe(least);
    expect(retryDelay(attempt, 1, options)).toBe(most);
  });

  test('is at least what Retry-After asks, within the cap', () => {
    expect(retryDelay(1, 0, options, 700)).toBe(700);
    expect(retryDelay(1, 0, options, 60_000)).toBe(1000);
  });
});

describe('the device', () => {
  test('calls with the SDK key as a bearer token, under /sdk/v1, with the SDK’s version', async () => {
    script = [{ status: 201, body: { device_id: 'd', user_id: 'u' } }];
    const client = aClient();

    await client.register({ os: 'web', osVersion: '1' });

    expect(received[0]).toEqual({
      method: 'PUT',
      url: `/sdk/v1/devices/${await client.deviceId()}`,
      authorization: 'Bearer tgp_test',
      body: { os: 'web', os_version: '1', sdk_version: '0.1.0' },
    });
  });

  test('keeps its id in storage: the same id after a restart, a new one with new storage', async () => {
    const storage = new MemoryStorage();
    const first = await aClient(storage).deviceId();

    const again = await aClient(storage).deviceId();
    const other = await aClient().deviceId();

    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  test('ends the session it started, and then has none to end', async () => {
    script = [
      { status: 201, body: { outcome: 'started' } },
      { status: 200, body: { outcome: 'ended' } },
    ];
    const client = aClient();
    const { session_id: sessionId } = await client.startSession();

    const ended = await client.endSession();
    const again = await client.endSession();

    expect(ended).toEqual({ outcome: 'ended' });
    expect(received[1]?.url).toBe(`/sdk/v1/devices/${await client.deviceId()}/sessions/${sessionId}/end`);
    expect(again).toBeNull();
    expect(received).toHaveLength(2);
  });
});
