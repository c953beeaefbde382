import { randomUUID } from 'node:crypto';
import { type AmplitudeFake, startAmplitudeFake } from '@tollgate/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deliveriesOf, deliveryWorker } from '../testing/delivery-harness.js';
import { aDevice, aDevicePurchase, anSdkApp, type SdkPlatform } from '../testing/sdk-client.js';
import { useTestServer } from '../testing/test-server.js';

const api = useTestServer();
let amplitude: AmplitudeFake;

beforeAll(async () => {
  amplitude = await startAmplitudeFake();
});
afterAll(async () => {
  await amplitude.close();
});

const worker = deliveryWorker(() => api.server);
const MINUTE_MS = 60_000;

/** An app whose Amplitude integration (a project key of its own) wants the given events. */
async function anAmplitudeApp(settings: Record<string, unknown> = {}) {
  const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
  const apiKey = `amp-${randomUUID()}`;
  const response = await api.client.post(`/api/v1/apps/${ios.appId}/integrations`, {
    kind: 'amplitude',
    name: 'Amplitude',
    endpoint: amplitude.endpoint,
    api_key: apiKey,
    user_id: 'user_id',
    event_types: ['device.transaction', 'user.subscription.purchased'],
    ...settings,
  });
  expect(response.statusCode, response.body).toBe(201);
  const integration = response.json<{ id: string }>();
  const received = () => amplitude.events.filter((event) => event.apiKey === apiKey).map(({ event }) => event);
  return { ios, integrationId: integration.id, received };
}

async function aPurchase(ios: SdkPlatform) {
  const { deviceId } = await aDevice(ios.sdk);
  return aDevicePurchase(ios.sdk, deviceId, ios.sku);
}

describe('delivering to Amplitude', () => {
  test('each wanted event arrives once, with its user, time and insert_id, and its delivery reads delivered', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp();
    const purchase = await aPurchase(ios);

    await worker.run();

    const events = received();
    expect(events.map((event) => event.event_type).sort()).toEqual([
      'device.transaction',
      'user.subscription.purchased',
    ]);
    for (const event of events) {
      expect(event.user_id).toBe(purchase.user_id);
      expect(event.insert_id).toEqual(expect.any(String));
      expect(event.time).toEqual(expect.any(Number));
    }
    const deliveries = await deliveriesOf(api.server, ios.appId, integrationId);
    expect(deliveries.map((delivery) => [delivery.status, delivery.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
    ]);
  });

  test('nothing is queued for event types it does not want, nor for a disabled integration', async () => {
    const wanted = await anAmplitudeApp({ event_types: ['user.subscription.renewed'] });
    await aPurchase(wanted.ios);
    const disabled = await anAmplitudeApp({ enabled: false });
    await aPurchase(disabled.ios);

    await worker.run();

    expect(await deliveriesOf(api.server, wanted.ios.appId, wanted.integrationId)).toEqual([]);
    expect(await deliveriesOf(api.server, disabled.ios.appId, disabled.integrationId)).toEqual([]);
    expect([...wanted.received(), ...disabled.received()]).toEqual([]);
  });

  test('a 500 is tried again after the backoff with the same insert_ids, then delivered', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp();
    await aPurchase(ios);
    amplitude.failNext(1, 500, { ingest: true });

    await worker.run();
    const waiting = await deliveriesOf(api.server, ios.appId, integrationId);
    expect(waiting.map((delivery) => delivery.status)).toEqual(['pending', 'pending']);
    expect(waiting[0]?.last_error).toMatch(/500/);
    const firstIds = received().map((event) => event.insert_id);

    await worker.run();
    expect(worker.claimedLast()).toBe(0);

    api.server.advanceClock(10_000);
    await worker.run();

    expect((await deliveriesOf(api.server, ios.appId, integrationId)).map((delivery) => delivery.status)).toEqual([
      'delivered',
      'delivered',
    ]);
    // The first try was ingested before the 500: the retry is a duplicate Amplitude drops.
    expect(received().map((event) => event.insert_id)).toEqual(firstIds);
  });

  test('429 with Retry-After: that integration waits that long, then gets everything', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp();
    await aPurchase(ios);
    amplitude.failNext(1, 429, { retryAfterSeconds: 120 });

    await worker.run();
    await aPurchase(ios);
    api.server.advanceClock(MINUTE_MS);
    await worker.run();
    expect(received()).toEqual([]);

    api.server.advanceClock(MINUTE_MS + 1000);
    await worker.run();

    expect(received()).toHaveLength(4);
    const deliveries = await deliveriesOf(api.server, ios.appId, integrationId);
    expect(deliveries.every((delivery) => delivery.status === 'delivered')).toBe(true);
  });

  test('413 splits the batch in two, and both halves arrive', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp();
    await aPurchase(ios);
    await aPurchase(ios);
    const requestsBefore = amplitude.requests.length;
    amplitude.failNext(1, 413);

    await worker.run();

    expect(received()).toHaveLength(4);
    expect(amplitude.requests.length - requestsBefore).toBe(3);
    const deliveries = await deliveriesOf(api.server, ios.appId, integrationId);
    expect(deliveries.every((delivery) => delivery.status === 'delivered')).toBe(true);
  });

  test('a 400 naming one event: that one is dead with the field, the rest are sent again at once', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp();
    await aPurchase(ios);
    amplitude.failNext(1, 400, {
      body: { code: 400, error: 'Invalid field values on some events', events_with_invalid_fields: { time: [0] } },
    });

    await worker.run();
    await worker.run();

    const deliveries = await deliveriesOf(api.server, ios.appId, integrationId);
    expect(deliveries.map((delivery) => delivery.status).sort()).toEqual(['dead', 'delivered']);
    expect(deliveries.find((delivery) => delivery.status === 'dead')?.last_error).toMatch(/time/);
    expect(received()).toHaveLength(1);
  });

  test('an invalid API key pauses the integration, the API says why, and resuming sends what waited', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp();
    await aPurchase(ios);
    amplitude.failNext(1, 400, { body: { code: 400, error: 'Invalid API key: amp-wrong' } });

    await worker.run();
    const paused = await api.client.get(`/api/v1/apps/${ios.appId}/integrations/${integrationId}`);
    expect(paused.json()).toMatchObject({ status: 'paused', paused_reason: expect.stringMatching(/API key/) });
    await aPurchase(ios);
    await worker.run();
    expect(received()).toEqual([]);

    const resumed = await api.client.post(`/api/v1/apps/${ios.appId}/integrations/${integrationId}/resume`);
    expect(resumed.statusCode, resumed.body).toBe(200);
    await worker.run();

    expect(received()).toHaveLength(4);
    const deliveries = await deliveriesOf(api.server, ios.appId, integrationId);
    // The paused send did not count against the events.
    expect(deliveries.map((delivery) => [delivery.status, delivery.attempts])).toEqual(Array(4).fill(['delivered', 1]));
  });

  test('a vendor that never answers, or drops the connection, is tried again later', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp();
    await aPurchase(ios);
    amplitude.hangNext(1);
    amplitude.closeNext(1);

    await worker.run();
    api.server.advanceClock(10_000);
    await worker.run();
    const afterTwo = await deliveriesOf(api.server, ios.appId, integrationId);
    expect(afterTwo.map((delivery) => [delivery.status, delivery.attempts])).toEqual([
      ['pending', 2],
      ['pending', 2],
    ]);
    api.server.advanceClock(10 * MINUTE_MS);
    await worker.run();

    expect(received()).toHaveLength(2);
    const attempts = await api.client.get(`/api/v1/apps/${ios.appId}/integrations/${integrationId}/attempts`);
    expect(attempts.json().data.map((attempt: { outcome: string; http_status: number | null }) => attempt)).toEqual([
      expect.objectContaining({ outcome: 'delivered', http_status: 200 }),
      expect.objectContaining({
        outcome: 'retry',
        http_status: null,
        response_excerpt: expect.stringMatching(/^connection/),
      }),
      expect.objectContaining({
        outcome: 'retry',
        http_status: null,
        response_excerpt: expect.stringMatching(/^timeout/),
      }),
    ]);
  });

  test('gives up after ten attempts over about three days; a replay sends it again with the same insert_id', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp({ event_types: ['user.subscription.purchased'] });
    await aPurchase(ios);
    amplitude.failNext(10, 503);

    for (let attempt = 1; attempt <= 10; attempt++) {
      await worker.run();
      api.server.advanceClock(25 * 60 * MINUTE_MS);
    }

    const [dead] = await deliveriesOf(api.server, ios.appId, integrationId);
    expect(dead).toMatchObject({ status: 'dead', attempts: 10, last_error: expect.stringMatching(/Gave up after 10/) });
    const replay = await api.client.post(`/api/v1/apps/${ios.appId}/integrations/${integrationId}/replay`, {});
    expect(replay.json()).toEqual({ replayed: 1 });
    await worker.run();
    expect(received()).toHaveLength(1);

    const again = await api.client.post(
      `/api/v1/apps/${ios.appId}/integrations/${integrationId}/deliveries/${dead?.event_id}/replay`,
    );
    expect(again.statusCode, again.body).toBe(202);
    const sentBefore = amplitude.requests.length;
    await worker.run();

    // Sent again, and deduplicated by Amplitude: the same insert_id.
    expect(amplitude.requests.length).toBe(sentBefore + 1);
    expect(received()).toHaveLength(1);
  });

  test('with External ID chosen, an event of a user without one is skipped with the reason, never retried', async () => {
    const { ios, integrationId, received } = await anAmplitudeApp({ user_id: 'external_id' });
    await aPurchase(ios);

    await worker.run();

    const deliveries = await deliveriesOf(api.server, ios.appId, integrationId);
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['skipped', 'skipped']);
    expect(deliveries[0]?.last_error).toMatch(/External ID/);
    expect(received()).toEqual([]);
  });

  test('with External ID chosen, a signed-in user is known by it', async () => {
    const { ios, received } = await anAmplitudeApp({ user_id: 'external_id' });
    const { deviceId } = await aDevice(ios.sdk);
    const externalId = `member-${randomUUID()}`;
    await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });
    await aDevicePurchase(ios.sdk, deviceId, ios.sku);

    await worker.run();

    expect(received().map((event) => event.user_id)).toEqual([externalId, externalId]);
  });
});
