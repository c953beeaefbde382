import { createHmac, randomUUID } from 'node:crypto';
import { type MparticleFake, startMparticleFake, startWebhookReceiver, type WebhookReceiver } from '@tollgate/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deliveriesOf, deliveryWorker } from '../testing/delivery-harness.js';
import { aDevice, aDevicePurchase, anSdkApp, type SdkPlatform } from '../testing/sdk-client.js';
import { anOrganization, apiClient, useTestServer } from '../testing/test-server.js';

const api = useTestServer();
const worker = deliveryWorker(() => api.server);
const FEEDS = {
  ios: { key: 'ios-feed-key', secret: 'ios-feed-secret' },
  android: { key: 'and-key', secret: 'and-secret' },
};
let mparticle: MparticleFake;

beforeAll(async () => {
  mparticle = await startMparticleFake({ feeds: [FEEDS.ios, FEEDS.android] });
});
afterAll(async () => {
  await mparticle.close();
});

async function anIntegration(appId: string, body: Record<string, unknown>) {
  const response = await api.client.post(`/api/v1/apps/${appId}/integrations`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; webhook?: unknown; signing_secret?: string }>();
}

async function aPurchaseOn(platform: SdkPlatform) {
  const { deviceId } = await aDevice(platform.sdk);
  return aDevicePurchase(platform.sdk, deviceId, platform.sku);
}

const feed = (appPlatformId: string | null, keys: { key: string; secret: string }) => ({
  kind: 'mparticle',
  name: 'mParticle feed',
  ...(appPlatformId === null
    ? { mode: 'all_platforms' }
    : { mode: 'selected_platform', app_platform_id: appPlatformId }),
  base_url: mparticle.baseUrl,
  ...keys,
  customer_id: 'user_id',
  event_types: ['device.transaction', 'user.subscription.purchased'],
});

describe('delivering to mParticle feeds', () => {
  test('each platform feed gets only its own platform’s events, as one batch per user', async () => {
    const [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
    await anIntegration(ios.appId, feed(ios.platformId, FEEDS.ios));
    await anIntegration(ios.appId, feed(android.platformId, FEEDS.android));
    const before = mparticle.batches.length;
    const onIos = await aPurchaseOn(ios);
    const onAndroid = await aPurchaseOn(android);

    await worker.run();

    const batches = mparticle.batches.slice(before);
    const customerOf = (key: string) =>
      batches
        .filter((received) => received.feedKey === key)
        .map((received) => (received.batch.user_identities as { customer_id: string }).customer_id);
    expect(customerOf(FEEDS.ios.key)).toEqual([onIos.user_id]);
    expect(customerOf(FEEDS.android.key)).toEqual([onAndroid.user_id]);
    const iosBatch = batches.find((received) => received.feedKey === FEEDS.ios.key)?.batch;
    expect(iosBatch).toMatchObject({ device_info: { platform: 'iOS' } });
    expect(iosBatch?.events).toHaveLength(2);
  });

  test('the legacy feed for the app and all platforms gets every platform’s events', async () => {
    const [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
    const legacy = await anIntegration(ios.appId, feed(null, FEEDS.ios));
    await aPurchaseOn(ios);
    await aPurchaseOn(android);

    await worker.run();

    const deliveries = await deliveriesOf(api.server, ios.appId, legacy.id);
    expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(4).fill('delivered'));
  });

  test('refused credentials (403) pause the feed and lose nothing', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const wrong = await anIntegration(
      ios.appId,
      feed(ios.platformId, { key: FEEDS.ios.key, secret: 'not-the-secret' }),
    );
    await aPurchaseOn(ios);

    await worker.run();

    const shown = await api.client.get(`/api/v1/apps/${ios.appId}/integrations/${wrong.id}`);
    expect(shown.json()).toMatchObject({ status: 'paused', paused_reason: expect.stringMatching(/403/) });
    const deliveries = await deliveriesOf(api.server, ios.appId, wrong.id);
    expect(deliveries.map((delivery) => [delivery.status, delivery.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
  });
});

describe('delivering to webhooks', () => {
  let receiver: WebhookReceiver;
  let ios: SdkPlatform;
  let webhookId: string;

  beforeAll(async () => {
    [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const created = await anIntegration(ios.appId, {
      kind: 'webhook',
      name: 'Our backend',
      url: 'http://127.0.0.1:9/not-yet',
      authorization: 'Bearer receiver-token',
      event_types: ['user.subscription.purchased'],
    });
    webhookId = created.id;
    receiver = await startWebhookReceiver({ secret: String(created.signing_secret) });
    const moved = await api.client.patch(`/api/v1/apps/${ios.appId}/integrations/${webhookId}`, {
      url: `${receiver.url}/hooks/tollgate`,
    });
    expect(moved.statusCode, moved.body).toBe(200);
  });
  afterAll(async () => {
    await receiver.close();
  });

  test('each event is one signed POST the receiver verifies, with the event as data', async () => {
    const purchase = await aPurchaseOn(ios);

    await worker.run();

    const [delivery] = receiver.deliveries.slice(-1);
    expect(delivery).toMatchObject({ verified: true, url: '/hooks/tollgate' });
    expect(delivery?.headers.authorization).toBe('Bearer receiver-token');
    expect(delivery?.body).toMatchObject({
      type: 'user.subscription.purchased',
      app_id: ios.appId,
      data: { event_type: 'user.subscription.purchased', user_id: purchase.user_id },
    });
    expect(delivery?.body).toMatchObject({ id: delivery?.id });
  });

  test('a retry carries the same webhook-id; 410 Gone pauses the endpoint', async () => {
    receiver.failNext(1, 500);
    await aPurchaseOn(ios);

    await worker.run();
    api.server.advanceClock(10_000);
    await worker.run();

    const [failed, retried] = receiver.deliveries.slice(-2);
    expect(failed?.status).toBe(500);
    expect(retried?.id).toBe(failed?.id);
    expect(retried?.duplicate).toBe(true);

    receiver.failNext(1, 410);
    await aPurchaseOn(ios);
    await worker.run();
    const shown = await api.client.get(`/api/v1/apps/${ios.appId}/integrations/${webhookId}`);
    expect(shown.json()).toMatchObject({ status: 'paused' });
    await api.client.post(`/api/v1/apps/${ios.appId}/integrations/${webhookId}/resume`);
  });
});

describe('what operators see of deliveries', () => {
  test('an event’s delivery status per integration, with the requests that carried it', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const integration = await anIntegration(ios.appId, feed(ios.platformId, FEEDS.ios));
    const purchase = await aPurchaseOn(ios);
    mparticle.failNext(1, 503);
    await worker.run();
    api.server.advanceClock(10_000);
    await worker.run();
    const [event] = (await deliveriesOf(api.server, ios.appId, integration.id)).map((row) => row.event_id);

    const response = await api.client.get(`/api/v1/apps/${ios.appId}/events/${event}/deliveries`);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toEqual([
      expect.objectContaining({
        integration_id: integration.id,
        kind: 'mparticle',
        status: 'delivered',
        attempts: 2,
        requests: [
          expect.objectContaining({ outcome: 'retry', http_status: 503 }),
          expect.objectContaining({ outcome: 'delivered', http_status: 202 }),
        ],
      }),
    ]);
    expect(purchase.user_id).toEqual(expect.any(String));
  });

  test('a test send reaches the vendor, answers what it said, and shows in the log as a test', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const integration = await anIntegration(ios.appId, feed(ios.platformId, FEEDS.ios));
    const before = mparticle.requests.length;

    const response = await api.client.post(`/api/v1/apps/${ios.appId}/integrations/${integration.id}/test`);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'delivered', http_status: 202 });
    expect(mparticle.requests.length).toBe(before + 1);
    const log = await api.client.get(`/api/v1/apps/${ios.appId}/integrations/${integration.id}/attempts`);
    expect(log.json().data).toEqual([expect.objectContaining({ test: true, outcome: 'delivered' })]);
  });

  test('another organization sees none of it', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const integration = await anIntegration(ios.appId, feed(ios.platformId, FEEDS.ios));
    const other = apiClient(api.server, (await anOrganization(api.server)).apiKey);
    const base = `/api/v1/apps/${ios.appId}/integrations/${integration.id}`;

    for (const [method, url] of [
      ['GET', `${base}/attempts`],
      ['GET', `${base}/deliveries`],
      ['POST', `${base}/test`],
      ['POST', `${base}/replay`],
      ['GET', `/api/v1/apps/${ios.appId}/events/${randomUUID()}/deliveries`],
    ] as const) {
      const response = await other.call({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
  });
});

describe('rotating a webhook’s signing secret', () => {
  test('for a day requests verify with the old secret and the new one; then with the new one only', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const created = await anIntegration(ios.appId, {
      kind: 'webhook',
      name: 'Rotating',
      url: 'http://127.0.0.1:9/not-yet',
      event_types: ['user.subscription.purchased'],
    });
    const url = `/api/v1/apps/${ios.appId}/integrations/${created.id}`;
    const oldReceiver = await startWebhookReceiver({ secret: String(created.signing_secret) });
    await api.client.patch(url, { url: oldReceiver.url });
    try {
      const rotated = await api.client.post(`${url}/rotate-signing-secret`);
      expect(rotated.statusCode, rotated.body).toBe(200);
      const { signing_secret: newSecret, previous_signing_secret_valid_until: until } = rotated.json();
      expect(newSecret).not.toBe(created.signing_secret);
      expect(Date.parse(until) - api.server.deps.now().getTime()).toBeGreaterThan(23.9 * 3_600_000);
      const newReceiver = await startWebhookReceiver({ secret: newSecret });
      try {
        await aPurchaseOn(ios);
        await worker.run();
        await api.client.patch(url, { url: newReceiver.url });
        await aPurchaseOn(ios);
        await worker.run();
        api.server.advanceClock(24 * 3_600_000 + 1000);
        await aPurchaseOn(ios);
        await worker.run();

        const [withOld] = oldReceiver.deliveries.slice(-1);
        const [duringOverlap, afterOverlap] = newReceiver.deliveries.slice(-2);
        expect([withOld?.verified, duringOverlap?.verified]).toEqual([true, true]);
        expect(
          [withOld, duringOverlap, afterOverlap].map((d) => String(d?.headers['webhook-signature']).split(' ').length),
        ).toEqual([2, 2, 1]);
        // A day on, the receiver's own clock calls the timestamp too far off: check the signature by hand.
        const { 'webhook-id': id, 'webhook-timestamp': timestamp } = afterOverlap?.headers ?? {};
        const key = Buffer.from(String(newSecret).replace(/^whsec_/, ''), 'base64');
        const expected = createHmac('sha256', key)
          .update(`${id}.${timestamp}.${afterOverlap?.rawBody}`)
          .digest('base64');
        expect(afterOverlap?.headers['webhook-signature']).toBe(`v1,${expected}`);
      } finally {
        await newReceiver.close();
      }
    } finally {
      await oldReceiver.close();
    }
  });

  test('only a webhook has a secret to rotate: 422, and nothing changes', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const feedIntegration = await anIntegration(ios.appId, feed(ios.platformId, FEEDS.ios));
    const url = `/api/v1/apps/${ios.appId}/integrations/${feedIntegration.id}`;
    const before = (await api.client.get(url)).json();

    const response = await api.client.post(`${url}/rotate-signing-secret`);

    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('not_a_webhook');
    expect((await api.client.get(url)).json()).toEqual(before);
  });
});
