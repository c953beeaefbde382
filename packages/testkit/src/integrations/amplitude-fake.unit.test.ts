import { gzipSync } from 'node:zlib';
import { createInstance, Types } from '@amplitude/analytics-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AmplitudeFake, startAmplitudeFake } from './amplitude-fake.js';

const API_KEY = 'amp-key-production';
const OTHER_KEY = 'amp-key-sandbox';

let fake: AmplitudeFake;

beforeAll(async () => {
  fake = await startAmplitudeFake({ apiKeys: [API_KEY, OTHER_KEY] });
});

afterAll(() => fake.close());

let serial = 0;

/** An event with an insert_id no other test uses, so dedupe never couples tests. */
function anEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    user_id: 'cust-000123',
    event_type: 'user.subscription.renewed',
    time: 1_735_700_000_000,
    insert_id: `evt-${serial}:amp-1`,
    ...overrides,
  };
}

interface Answered {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** POSTs as our worker does: plain fetch, a deadline, the body read as text and parsed defensively. */
async function post(
  body: unknown,
  init: { path?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answered> {
  const response = await fetch(`${fake.url}${init.path ?? '/2/httpapi'}`, {
    method: 'POST',
    headers: init.headers ?? { 'content-type': 'application/json' },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 5_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

describe('the Amplitude HTTP V2 fake accepts', () => {
  test('a valid request, answering the documented 200 body and recording each event with its key', async () => {
    const events = [anEvent(), anEvent({ user_id: undefined, device_id: 'dev-7f3a9' })];
    const body = JSON.stringify({ api_key: API_KEY, events, client_upload_time: '2025-01-01T00:00:00.000Z' });
    const before = fake.events.length;

    const answer = await post(body);

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      code: 200,
      events_ingested: 2,
      payload_size_bytes: Buffer.byteLength(body),
      server_upload_time: expect.any(Number),
    });
    expect(fake.events.slice(before).map(({ apiKey, event }) => ({ apiKey, event }))).toEqual([
      { apiKey: API_KEY, event: events[0] },
      { apiKey: API_KEY, event: { device_id: 'dev-7f3a9', ...events[1], user_id: undefined } },
    ]);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: '/2/httpapi',
      headers: { 'content-type': 'application/json' },
      body: JSON.parse(body),
      status: 200,
    });
  });

  test('a gzip body, limits counted after decompressing', async () => {
    const before = fake.events.length;

    const answer = await post(gzipSync(JSON.stringify({ api_key: API_KEY, events: [anEvent()] })), {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });

    expect(answer.status).toBe(200);
    expect(fake.events.length - before).toBe(1);
  });

  test('a short id beside a usable one, dropping the short one; min_id_length lowers the minimum', async () => {
    const before = fake.events.length;

    await post({ api_key: API_KEY, events: [anEvent({ user_id: 'ab12', device_id: 'dev-7f3a9' })] });
    await post({ api_key: API_KEY, options: { min_id_length: 3 }, events: [anEvent({ user_id: 'ab1' })] });

    const [shortDropped, lowered] = fake.events.slice(before).map(({ event }) => event);
    expect(shortDropped).not.toHaveProperty('user_id');
    expect(shortDropped).toHaveProperty('device_id', 'dev-7f3a9');
    expect(lowered).toHaveProperty('user_id', 'ab1');
  });

  test('a re-sent insert_id with 200 but records it once, per API key', async () => {
    const event = anEvent();
    const before = fake.events.length;

    const first = await post({ api_key: API_KEY, events: [event] });
    const again = await post({ api_key: API_KEY, events: [event, event] });
    const otherProject = await post({ api_key: OTHER_KEY, events: [event] });

    expect([first.status, again.status, otherProject.status]).toEqual([200, 200, 200]);
    expect(fake.events.slice(before).map(({ apiKey }) => apiKey)).toEqual([API_KEY, OTHER_KEY]);
  });

  test('waits: waitFor resolves once enough unique events arrived, and says how many when it times out', async () => {
    const waiting = fake.waitFor(fake.received() + 2);

    await post({ api_key: API_KEY, events: [anEvent(), anEvent()] });

    await expect(waiting).resolves.toHaveLength(fake.received());
    await expect(fake.waitFor(fake.received() + 1, 50)).rejects.toThrow(/waited 50 ms for \d+ Amplitude events/);
  });
});

describe('the Amplitude HTTP V2 fake rejects, with the documented bodies', () => {
  test.each([
    ['any other path', { path: '/batch' }, 404, { code: 404, error: 'Not found' }],
    ['a non-JSON content type', { headers: { 'content-type': 'text/plain' } }, 400, { code: 400 }],
  ])('%s', async (_name, init, status, body) => {
    const answer = await post({ api_key: API_KEY, events: [anEvent()] }, init);

    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject(body);
  });

  test.each([
    ['an empty body', '', { code: 400, error: 'Missing request body' }],
    ['a body that is not JSON', '{"api_key":', { code: 400, error: 'Invalid JSON request body' }],
    [
      'a missing api_key',
      { events: [{ event_type: 'x', user_id: 'cust-000123' }] },
      { code: 400, error: 'Request missing required field', missing_field: 'api_key' },
    ],
    [
      'missing events',
      { api_key: API_KEY },
      { code: 400, error: 'Request missing required field', missing_field: 'events' },
    ],
    [
      'an unknown API key',
      { api_key: 'not-a-project', events: [{ event_type: 'x', user_id: 'cust-000123' }] },
      { code: 400, error: 'Invalid API key' },
    ],
  ])('%s', async (_name, body, expected) => {
    const answer = await post(body);

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(expected);
  });

  test('bad events with the index maps, ingesting nothing of the request', async () => {
    const before = fake.events.length;

    const answer = await post({
      api_key: API_KEY,
      events: [
        anEvent({ time: '2025-01-01T00:00:00Z' }),
        anEvent({ event_type: undefined }),
        anEvent({ time: 1_735_700_000_000.5 }),
        anEvent(),
      ],
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      code: 400,
      error: 'Request missing required field',
      events_with_missing_fields: { event_type: [1] },
      events_with_invalid_fields: { time: [0, 2] },
    });
    expect(fake.events.length).toBe(before);
  });

  test('reserved id values as invalid fields, an event left with only short ids, and one with no id', async () => {
    const invalid = await post({
      api_key: API_KEY,
      events: [anEvent({ user_id: 'null' }), anEvent({ user_id: undefined, device_id: 'Unknown' })],
    });
    const short = await post({ api_key: API_KEY, events: [anEvent(), anEvent({ user_id: 'ab12' })] });
    const none = await post({ api_key: API_KEY, events: [anEvent({ user_id: undefined })] });

    expect(invalid.json).toEqual({
      code: 400,
      error: 'Invalid field values on some events',
      events_with_invalid_fields: { user_id: [0], device_id: [1] },
    });
    expect(short.json).toEqual({
      code: 400,
      error: 'Invalid id length for user_id or device_id',
      events_with_invalid_id_lengths: { user_id: [1] },
    });
    expect(none.json).toEqual({
      code: 400,
      error: 'Request missing required field',
      events_with_missing_fields: { user_id: [0], device_id: [0] },
    });
  });

  test('more than 2,000 events or a body of 1 MB with 413', async () => {
    const tooMany = await post({ api_key: API_KEY, events: Array.from({ length: 2_001 }, () => anEvent()) });
    const tooBig = await post({ api_key: API_KEY, events: [anEvent({ event_properties: { blob: 'x'.repeat(1e6) } })] });
    const justEnough = await post({ api_key: API_KEY, events: Array.from({ length: 2_000 }, () => anEvent()) });

    expect([tooMany.status, tooMany.json]).toEqual([413, { code: 413, error: 'Payload too large' }]);
    expect([tooBig.status, tooBig.json]).toEqual([413, { code: 413, error: 'Payload too large' }]);
    expect(justEnough.status).toBe(200);
  });
});

describe('the Amplitude HTTP V2 fake, scripted', () => {
  test('failNext(2, 503) answers two HTML pages (not JSON), then recovers', async () => {
    const event = anEvent();
    const before = fake.events.length;
    fake.failNext(2, 503);

    const answers = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      answers.push(await post({ api_key: API_KEY, events: [event] }));
    }

    expect(answers.map(({ status }) => status)).toEqual([503, 503, 200]);
    expect(answers[0]?.headers.get('content-type')).toBe('text/html');
    expect(answers[0]?.json).toBeUndefined();
    expect(answers[0]?.text).toContain('503 Service Unavailable');
    expect(fake.events.length - before).toBe(1);
    expect(fake.requests.slice(-3).map(({ status }) => status)).toEqual([503, 503, 200]);
  });

  test('failNext(1, 429) throttles every event of the request, with Retry-After when asked', async () => {
    fake.failNext(1, 429, { retryAfterSeconds: 30 });

    const answer = await post({
      api_key: API_KEY,
      events: [anEvent(), anEvent({ user_id: undefined, device_id: 'dev-7f3a9' })],
    });

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('30');
    expect(answer.json).toEqual({
      code: 429,
      error: 'Too many requests for some devices and users',
      eps_threshold: 30,
      throttled_devices: { 'dev-7f3a9': 31 },
      throttled_users: { 'cust-000123': 31 },
      exceeded_daily_quota_users: {},
      exceeded_daily_quota_devices: {},
      throttled_events: [0, 1],
    });
  });

  test('failNext answers 403 and 413 with their bodies, and any body it is given', async () => {
    fake.failNext(1, 403);
    fake.failNext(1, 413);
    fake.failNext(1, 502, { body: { code: 502, error: 'Bad gateway, as JSON this time' } });

    const answers = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      answers.push(await post({ api_key: API_KEY, events: [anEvent()] }));
    }

    expect(answers.map(({ status, json }) => [status, json])).toEqual([
      [403, { code: 403, error: 'Forbidden' }],
      [413, { code: 413, error: 'Payload too large' }],
      [502, { code: 502, error: 'Bad gateway, as JSON this time' }],
    ]);
  });

  test('failNext with ingest keeps the events though the client saw a 500; the retry is deduped', async () => {
    const event = anEvent();
    const before = fake.events.length;
    fake.failNext(1, 500, { ingest: true });

    const failed = await post({ api_key: API_KEY, events: [event] });
    const retried = await post({ api_key: API_KEY, events: [event] });

    expect([failed.status, retried.status]).toEqual([500, 200]);
    expect(fake.events.slice(before).map(({ event }) => event)).toEqual([event]);
  });

  test('hangNext leaves the request unanswered until the client’s AbortSignal.timeout fires', async () => {
    fake.hangNext(1);

    const hung = post({ api_key: API_KEY, events: [anEvent()] }, { timeoutMs: 200 });

    await expect(hung).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fake.requests.at(-1)?.status).toBe('hung');
    expect((await post({ api_key: API_KEY, events: [anEvent()] })).status).toBe(200);
  });

  test('closeNext drops the connection, so fetch rejects; then the fake recovers', async () => {
    fake.closeNext(1);

    await expect(post({ api_key: API_KEY, events: [anEvent()] })).rejects.toThrow(TypeError);
    expect(fake.requests.at(-1)?.status).toBe('closed');
    expect((await post({ api_key: API_KEY, events: [anEvent()] })).status).toBe(200);
  });
});

describe('the Amplitude HTTP V2 fake, through the official @amplitude/analytics-node client', () => {
  function client(apiKey: string) {
    const amplitude = createInstance();
    amplitude.init(apiKey, {
      serverUrl: fake.endpoint,
      flushIntervalMillis: 10,
      flushMaxRetries: 1,
      logLevel: Types.LogLevel.None,
    });
    return amplitude;
  }

  test('the SDK reads the fake’s 200 as success, and the fake recorded the event', async () => {
    const before = fake.events.length;

    const result = await client(API_KEY).track(
      'user.subscription.renewed',
      { store: 'apple' },
      { user_id: 'cust-000123', insert_id: 'sdk-insert-1' },
    ).promise;

    expect(result).toMatchObject({ code: 200, message: 'Event tracked successfully' });
    expect(fake.events.slice(before)).toEqual([
      {
        apiKey: API_KEY,
        event: expect.objectContaining({
          event_type: 'user.subscription.renewed',
          user_id: 'cust-000123',
          insert_id: 'sdk-insert-1',
          event_properties: { store: 'apple' },
        }),
        receivedAt: expect.any(Date),
      },
    ]);
  });

  test('the SDK reads the fake’s 400 body: an unknown key fails the event without a retry', async () => {
    const before = fake.requests.length;

    const result = await client('not-a-project').track('x', {}, { user_id: 'cust-000123' }).promise;

    expect(result).toMatchObject({ code: 400, message: 'Invalid API key' });
    expect(fake.requests.length - before).toBe(1);
  });
});
