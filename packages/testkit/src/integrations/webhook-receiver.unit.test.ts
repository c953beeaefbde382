import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const MINUTE_S = 60;

let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret: SECRET });
});

afterAll(() => receiver.close());

let serial = 0;

interface Delivery {
  id: string;
  body: string;
  headers: Record<string, string>;
}

/** A delivery as our contract signs it; `skewS` moves the signing clock, `signature` replaces the header. */
function aDelivery(options: { id?: string; skewS?: number; secret?: string; signature?: string } = {}): Delivery {
  serial += 1;
  const id = options.id ?? `evt_0193f5a2-7c1e-7d2a-9b1e-${String(serial).padStart(12, '0')}`;
  const body = JSON.stringify({
    id,
    type: 'user.subscription.renewed',
    environment: 'production',
    data: { n: serial },
  });
  const timestamp = new Date(Date.now() + (options.skewS ?? 0) * 1_000);
  const signature = options.signature ?? new Webhook(options.secret ?? SECRET).sign(id, timestamp, body);
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1_000)),
      'webhook-signature': signature,
    },
  };
}

function deliver(delivery: Delivery, init: { path?: string; timeoutMs?: number } = {}): Promise<Response> {
  return fetch(`${receiver.url}${init.path ?? '/hooks/tollgate'}`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(init.timeoutMs ?? 5_000),
  });
}

describe('the webhook receiver verifies', () => {
  test('a correctly signed delivery, answering 200 and recording it whole', async () => {
    const delivery = aDelivery();

    const response = await deliver(delivery, { path: '/hooks/tollgate?account=7' });

    expect(response.status).toBe(200);
    expect(receiver.deliveries.at(-1)).toEqual({
      method: 'POST',
      url: '/hooks/tollgate?account=7',
      headers: expect.objectContaining({ 'webhook-id': delivery.id, 'content-type': 'application/json' }),
      rawBody: delivery.body,
      body: JSON.parse(delivery.body),
      id: delivery.id,
      verified: true,
      verificationError: undefined,
      duplicate: false,
      status: 200,
      receivedAt: expect.any(Date),
    });
  });

  test('a signature made with node:crypto as the contract describes (HMAC of id.timestamp.body, decoded key)', async () => {
    const delivery = aDelivery();
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const signed = `${delivery.id}.${delivery.headers['webhook-timestamp']}.${delivery.body}`;
    delivery.headers['webhook-signature'] = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;

    await deliver(delivery);

    expect(receiver.deliveries.at(-1)?.verified).toBe(true);
  });

  test('a delivery signed twice during a secret rotation, when either signature matches', async () => {
    const old = aDelivery({ secret: `whsec_${randomBytes(32).toString('base64')}` });
    const current = new Webhook(SECRET).sign(
      old.id,
      new Date(Number(old.headers['webhook-timestamp']) * 1_000),
      old.body,
    );
    old.headers['webhook-signature'] = `${old.headers['webhook-signature']} ${current}`;

    await deliver(old);

    expect(receiver.deliveries.at(-1)?.verified).toBe(true);
  });

  test('a timestamp 4 minutes off either way', async () => {
    await deliver(aDelivery({ skewS: -4 * MINUTE_S }));
    await deliver(aDelivery({ skewS: 4 * MINUTE_S }));

    expect(receiver.deliveries.slice(-2).map(({ verified }) => verified)).toEqual([true, true]);
  });
});

describe('the webhook receiver flags, still answering 200', () => {
  test.each([
    [
      'a tampered body',
      () => ({ ...aDelivery(), body: '{"type":"user.subscription.renewed","tampered":true}' }),
      'No matching signature found',
    ],
    [
      'another secret',
      () => aDelivery({ secret: `whsec_${randomBytes(32).toString('base64')}` }),
      'No matching signature found',
    ],
    ['a stale timestamp', () => aDelivery({ skewS: -6 * MINUTE_S }), 'Message timestamp too old'],
    ['a timestamp from the future', () => aDelivery({ skewS: 6 * MINUTE_S }), 'Message timestamp too new'],
    [
      'a v1a signature only',
      () => aDelivery({ signature: `v1a,${randomBytes(64).toString('base64')}` }),
      'No matching signature found',
    ],
    [
      'missing signature headers',
      () => {
        const { 'webhook-signature': _, ...headers } = aDelivery().headers;
        return { ...aDelivery(), headers };
      },
      'Missing required headers',
    ],
  ])('%s', async (_name, make, error) => {
    const response = await deliver(make());

    expect(response.status).toBe(200);
    expect(receiver.deliveries.at(-1)).toMatchObject({ verified: false, verificationError: error });
  });

  test('or answers 401 when told to reject unverified deliveries', async () => {
    const strict = await startWebhookReceiver({ secret: SECRET, rejectUnverified: true });
    try {
      const signed = aDelivery();
      const tampered = await fetch(strict.url, { method: 'POST', headers: signed.headers, body: '{"tampered":true}' });
      const accepted = await fetch(strict.url, { method: 'POST', headers: signed.headers, body: signed.body });

      expect([tampered.status, accepted.status]).toEqual([401, 200]);
      expect(await tampered.text()).toBe('Unverified webhook: No matching signature found');
    } finally {
      await strict.close();
    }
  });
});

describe('the webhook receiver counts', () => {
  test('a re-delivered webhook-id as a duplicate: deliveries has both, uniqueIds one', async () => {
    const first = aDelivery();
    const retry = aDelivery({ id: first.id });
    const before = receiver.deliveries.length;
    const uniqueBefore = receiver.uniqueIds().length;

    await deliver(first);
    await deliver(retry);

    expect(receiver.deliveries.slice(before).map(({ id, duplicate }) => ({ id, duplicate }))).toEqual([
      { id: first.id, duplicate: false },
      { id: first.id, duplicate: true },
    ]);
    expect(receiver.uniqueIds().length - uniqueBefore).toBe(1);
    expect(receiver.uniqueIds().at(-1)).toBe(first.id);
  });

  test('waits: waitFor resolves once enough deliveries arrived, and says how many when it times out', async () => {
    const waiting = receiver.waitFor(receiver.deliveries.length + 2);

    await deliver(aDelivery());
    await deliver(aDelivery());

    await expect(waiting).resolves.toHaveLength(receiver.deliveries.length);
    await expect(receiver.waitFor(receiver.deliveries.length + 1, 50)).rejects.toThrow(/waited 50 ms/);
  });

  test('a GET as a non-delivery with 405, leaving the script alone', async () => {
    receiver.failNext(1, 500);

    const get = await fetch(`${receiver.url}/moved`);
    const post = await deliver(aDelivery());

    expect([get.status, post.status]).toEqual([405, 500]);
    expect(receiver.deliveries.at(-2)?.method).toBe('GET');
  });
});

describe('the webhook receiver, scripted', () => {
  test('failNext(2, 503, retryAfter) answers 503 with Retry-After twice, then 200, recording all three', async () => {
    const delivery = aDelivery();
    const before = receiver.deliveries.length;
    receiver.failNext(2, 503, { retryAfterSeconds: 7 });

    const responses = [await deliver(delivery), await deliver(delivery), await deliver(delivery)];

    expect(responses.map(({ status }) => status)).toEqual([503, 503, 200]);
    expect(responses[0]?.headers.get('retry-after')).toBe('7');
    expect(receiver.deliveries.slice(before).map(({ status }) => status)).toEqual([503, 503, 200]);
  });

  test.each([400, 410, 429, 500])('failNext(1, %i) answers that status', async (status) => {
    receiver.failNext(1, status);

    expect((await deliver(aDelivery())).status).toBe(status);
  });

  test('failNext(1, 301) redirects back at the receiver, for a client that must not follow', async () => {
    receiver.failNext(1, 301);

    const response = await deliver(aDelivery());

    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`${receiver.url}/moved`);
  });

  test('hangNext leaves the delivery unanswered until the client’s AbortSignal.timeout fires', async () => {
    receiver.hangNext(1);

    await expect(deliver(aDelivery(), { timeoutMs: 200 })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(receiver.deliveries.at(-1)).toMatchObject({ status: 'hung', verified: true });
    expect((await deliver(aDelivery())).status).toBe(200);
  });

  test('closeNext drops the connection, so fetch rejects; then the receiver recovers', async () => {
    receiver.closeNext(1);

    await expect(deliver(aDelivery())).rejects.toThrow(TypeError);
    expect(receiver.deliveries.at(-1)?.status).toBe('closed');
    expect((await deliver(aDelivery())).status).toBe(200);
  });
});
