import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type MparticleFake, startMparticleFake } from './mparticle-fake.js';

const IOS = { key: 'us1-ios-feed-key', secret: 'ios-feed-secret' };
const ANDROID = { key: 'us1-android-feed-key', secret: 'android:secret-with-a-colon' };

let fake: MparticleFake;

beforeAll(async () => {
  fake = await startMparticleFake({ feeds: [IOS, ANDROID] });
});

afterAll(() => fake.close());

let serial = 0;

/** One user's batch with a renewal and a custom event, under a source_request_id no other test uses. */
function aBatch(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    environment: 'production',
    source_request_id: `0193f5a2-0000-7000-8000-${String(serial).padStart(12, '0')}`,
    user_identities: { customer_id: 'cust-000123' },
    device_info: { platform: 'iOS' },
    events: [
      {
        event_type: 'commerce_event',
        data: {
          timestamp_unixtime_ms: 1_735_700_000_000,
          currency_code: 'USD',
          product_action: { action: 'purchase', transaction_id: '2000000812345678', total_amount: 9.99 },
        },
      },
      {
        event_type: 'custom_event',
        data: { event_name: 'cancellation', custom_event_type: 'transaction', custom_attributes: { store: 'apple' } },
      },
    ],
    ...overrides,
  };
}

function basic({ key, secret }: { key: string; secret: string }): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

interface Answered {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function post(
  body: unknown,
  init: { path?: string; authorization?: string | null; timeoutMs?: number } = {},
): Promise<Answered> {
  const authorization = init.authorization === undefined ? basic(IOS) : init.authorization;
  const response = await fetch(`${fake.baseUrl}${init.path ?? '/events'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
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

function errors(...messages: string[]) {
  return { errors: messages.map((message) => ({ code: 'BAD_REQUEST', message })) };
}

describe('the mParticle S2S fake accepts', () => {
  test('one batch on /v2/events with 202, an empty body and the rate-limit header', async () => {
    const batch = aBatch({ unknown_future_field: true });
    const before = fake.batches.length;

    const answer = await post(batch);

    expect(answer.status).toBe(202);
    expect(answer.text).toBe('');
    expect(answer.headers.get('x-mp-rate-limit-percentage-used')).toBe('0');
    expect(fake.batches.slice(before)).toEqual([
      { feedKey: IOS.key, batch, path: '/v2/events', receivedAt: expect.any(Date) },
    ]);
    expect(fake.requests.at(-1)).toMatchObject({ url: '/v2/events', feedKey: IOS.key, status: 202, body: batch });
  });

  test('several users’ batches on /v2/bulkevents, from the feed whose credentials sent them', async () => {
    const batches = [aBatch(), aBatch({ device_info: { platform: 'Android' } })];
    const before = fake.batches.length;
    fake.rateLimitPercentageUsed = 87;

    const answer = await post(batches, { path: '/bulkevents', authorization: basic(ANDROID) });
    fake.rateLimitPercentageUsed = 0;

    expect(answer.status).toBe(202);
    expect(answer.headers.get('x-mp-rate-limit-percentage-used')).toBe('87');
    expect(fake.batches.slice(before).map(({ feedKey, batch, path }) => ({ feedKey, batch, path }))).toEqual(
      batches.map((batch) => ({ feedKey: ANDROID.key, batch, path: '/v2/bulkevents' })),
    );
  });

  test('a re-sent source_request_id with 202 but records it once per feed key', async () => {
    const batch = aBatch();
    const before = fake.batches.length;

    const answers = [
      await post(batch),
      await post([batch, batch], { path: '/bulkevents' }),
      await post(batch, { authorization: basic(ANDROID) }),
    ];

    expect(answers.map(({ status }) => status)).toEqual([202, 202, 202]);
    expect(fake.batches.slice(before).map(({ feedKey }) => feedKey)).toEqual([IOS.key, ANDROID.key]);
  });

  test('a bulk request with some invalid batches with 202, keeping the valid ones and noting the rest', async () => {
    const good = aBatch();
    const before = fake.batches.length;

    const answer = await post([aBatch({ environment: undefined }), good], { path: '/bulkevents' });

    expect(answer.status).toBe(202);
    expect(fake.batches.slice(before).map(({ batch }) => batch)).toEqual([good]);
    expect(fake.requests.at(-1)?.rejected).toEqual([{ index: 0, message: 'Required field "environment" is missing.' }]);
  });

  test('waits: waitFor resolves once enough batches arrived, and says how many when it times out', async () => {
    const waiting = fake.waitFor(fake.batches.length + 1);

    await post(aBatch());

    await expect(waiting).resolves.toHaveLength(fake.batches.length);
    await expect(fake.waitFor(fake.batches.length + 1, 50)).rejects.toThrow(/waited 50 ms for \d+ mParticle batches/);
  });
});

describe('the mParticle S2S fake rejects', () => {
  test('a missing Authorization with 401 and a wrong one with 403, both without a body', async () => {
    const answers = [
      await post(aBatch(), { authorization: null }),
      await post(aBatch(), { authorization: basic({ key: IOS.key, secret: 'wrong' }) }),
      await post(aBatch(), { authorization: basic({ key: 'unknown-key', secret: IOS.secret }) }),
      await post(aBatch(), { authorization: 'Bearer us1-ios-feed-key' }),
    ];

    expect(answers.map(({ status, text }) => [status, text])).toEqual([
      [401, ''],
      [403, ''],
      [403, ''],
      [403, ''],
    ]);
  });

  test('other paths and methods with 404', async () => {
    const historical = await post([aBatch()], { path: '/bulkevents/historical' });
    const get = await fetch(`${fake.baseUrl}/events`, { headers: { authorization: basic(IOS) } });

    expect([historical.status, get.status]).toEqual([404, 404]);
  });

  test.each([
    ['a body that is not JSON', '{"environment":', 'Request body is not valid JSON.'],
    ['a batch without environment', aBatch({ environment: undefined }), 'Required field "environment" is missing.'],
    ['an unknown environment', aBatch({ environment: 'staging' }), 'Unknown environment "staging".'],
    ['an unknown platform', aBatch({ device_info: { platform: 'ios' } }), 'Unknown device_info.platform "ios".'],
    [
      'an unknown event_type',
      aBatch({ events: [{ event_type: 'purchase', data: {} }] }),
      'Unknown event_type "purchase".',
    ],
    [
      'a custom_event without event_name',
      aBatch({ events: [{ event_type: 'custom_event', data: { custom_event_type: 'transaction' } }] }),
      'Required event field "event_name" is missing or empty.',
    ],
    [
      'a custom_event without custom_event_type',
      aBatch({ events: [{ event_type: 'custom_event', data: { event_name: 'renewal' } }] }),
      'Required event field "custom_event_type" is missing or empty.',
    ],
    [
      'an unknown custom_event_type',
      aBatch({ events: [{ event_type: 'custom_event', data: { event_name: 'x', custom_event_type: 'billing' } }] }),
      'Unknown custom_event_type "billing".',
    ],
    [
      'a commerce_event with no action',
      aBatch({ events: [{ event_type: 'commerce_event', data: { currency_code: 'USD' } }] }),
      'A commerce_event needs exactly one of "product_action", "promotion_action" or "product_impressions".',
    ],
    [
      'a commerce_event with two actions',
      aBatch({
        events: [
          {
            event_type: 'commerce_event',
            data: { product_action: { action: 'purchase' }, promotion_action: { action: 'view', promotions: [] } },
          },
        ],
      }),
      'A commerce_event needs exactly one of "product_action", "promotion_action" or "product_impressions".',
    ],
    [
      'a product_action without its action',
      aBatch({ events: [{ event_type: 'commerce_event', data: { product_action: { total_amount: 1 } } }] }),
      'Required event field "action" is missing or empty.',
    ],
    [
      'nested custom_attributes',
      aBatch({
        events: [
          {
            event_type: 'custom_event',
            data: { event_name: 'x', custom_event_type: 'other', custom_attributes: { nested: { a: 1 } } },
          },
        ],
      }),
      'Event custom_attributes values must be strings, numbers or booleans.',
    ],
  ])('%s with 400 and the errors body', async (_name, body, message) => {
    const before = fake.batches.length;

    const answer = await post(body);

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(errors(message));
    expect(fake.batches.length).toBe(before);
  });

  test('a bulk request of only invalid batches, more than 100 batches, or not an array with 400', async () => {
    const allBad = await post([aBatch({ environment: undefined }), aBatch({ environment: 'qa' })], {
      path: '/bulkevents',
    });
    const tooMany = await post(
      Array.from({ length: 101 }, () => ({ environment: 'production' })),
      { path: '/bulkevents' },
    );
    const notArray = await post(aBatch(), { path: '/bulkevents' });

    expect([allBad.status, allBad.json]).toEqual([
      400,
      errors('Required field "environment" is missing.', 'Unknown environment "qa".'),
    ]);
    expect([tooMany.status, notArray.status]).toEqual([400, 400]);
  });

  test('a request over 256 KB or a batch over 128 KB with 413', async () => {
    const filler = (bytes: number) => ({ user_attributes: { notes: 'x'.repeat(bytes) } });

    const bigRequest = await post([aBatch(filler(100_000)), aBatch(filler(100_000)), aBatch(filler(100_000))], {
      path: '/bulkevents',
    });
    const bigBatch = await post(aBatch(filler(130_000)));
    const fits = await post(aBatch(filler(120_000)));

    expect(bigRequest.status).toBe(413);
    expect(bigBatch.status).toBe(413);
    expect(fits.status).toBe(202);
  });
});

describe('the mParticle S2S fake, scripted', () => {
  test('failNext(1, 429) with Retry-After and the exceeded scope, once bare, then recovers', async () => {
    fake.failNext(1, 429, { retryAfterSeconds: 12, rateLimitExceeded: 'feed' });
    fake.failNext(1, 429);

    const answers = [await post(aBatch()), await post(aBatch()), await post(aBatch())];

    expect(answers.map(({ status }) => status)).toEqual([429, 429, 202]);
    expect(answers[0]?.headers.get('retry-after')).toBe('12');
    expect(answers[0]?.headers.get('x-mp-rate-limit-exceeded')).toBe('feed');
    expect(answers[1]?.headers.get('retry-after')).toBeNull();
    expect(answers[1]?.headers.get('x-mp-rate-limit-exceeded')).toBeNull();
    expect(answers[0]?.text).toBe('');
  });

  test('failNext(2, 503) and 500 answer HTML pages that are not JSON', async () => {
    fake.failNext(2, 503);
    fake.failNext(1, 500);

    const answers = [await post(aBatch()), await post(aBatch()), await post(aBatch()), await post(aBatch())];

    expect(answers.map(({ status }) => status)).toEqual([503, 503, 500, 202]);
    expect(answers[0]?.headers.get('content-type')).toBe('text/html');
    expect(answers[0]?.json).toBeUndefined();
  });

  test('failNext(1, 400) answers a bare 400, without the errors body', async () => {
    fake.failNext(1, 400);

    const answer = await post(aBatch());

    expect([answer.status, answer.text]).toEqual([400, '']);
  });

  test('failNext with ingest keeps the batch though the client saw a 500; the retry is deduped', async () => {
    const batch = aBatch();
    const before = fake.batches.length;
    fake.failNext(1, 500, { ingest: true });

    const failed = await post(batch);
    const retried = await post(batch);

    expect([failed.status, retried.status]).toEqual([500, 202]);
    expect(fake.batches.slice(before).map(({ batch }) => batch)).toEqual([batch]);
  });

  test('hangNext leaves the request unanswered until the client’s AbortSignal.timeout fires', async () => {
    fake.hangNext(1);

    await expect(post(aBatch(), { timeoutMs: 200 })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fake.requests.at(-1)?.status).toBe('hung');
    expect((await post(aBatch())).status).toBe(202);
  });

  test('closeNext drops the connection, so fetch rejects; then the fake recovers', async () => {
    fake.closeNext(1);

    await expect(post(aBatch())).rejects.toThrow(TypeError);
    expect(fake.requests.at(-1)?.status).toBe('closed');
    expect((await post(aBatch())).status).toBe(202);
  });
});
