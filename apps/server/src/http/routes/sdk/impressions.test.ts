import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { eventsOf, schemaViolations } from '../../../testing/engine-readers.js';
import { aDevice, anSdkApp, deviceEventTypes, type SdkPlatform } from '../../../testing/sdk-client.js';
import { countRows, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let ios: SdkPlatform;

beforeAll(async () => {
  [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
});

describe('recording a paywall impression', () => {
  test('answers 201 recorded and emits device.impression with the paywall, campaign and variant', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    const impressionId = randomUUID();
    const occurredAt = new Date(Date.now() - 60_000).toISOString();

    const response = await ios.sdk.post(`/devices/${deviceId}/impressions`, {
      impression_id: impressionId,
      paywall_id: 'onboarding',
      campaign_id: 'spring-sale',
      variant: 'b',
      occurred_at: occurredAt,
    });

    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ outcome: 'recorded' });
    const events = await eventsOf(api.server, userId);
    expect(events.map((event) => event.type)).toEqual(['device.impression']);
    expect(events[0]?.payload).toMatchObject({
      event_type: 'device.impression',
      user_id: userId,
      device_id: deviceId,
      impression: {
        id: impressionId,
        paywall_id: 'onboarding',
        campaign_id: 'spring-sale',
        variant: 'b',
        occurred_at: occurredAt,
      },
    });
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('without a campaign or variant tells them as null', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    await ios.sdk.post(`/devices/${deviceId}/impressions`, { impression_id: randomUUID(), paywall_id: 'settings' });

    const [event] = await eventsOf(api.server, userId);
    expect(event?.payload).toMatchObject({ impression: { paywall_id: 'settings', campaign_id: null, variant: null } });
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('the same impression id again answers 200 already_recorded and emits nothing more', async () => {
    const { deviceId } = await aDevice(ios.sdk);
    const impression = { impression_id: randomUUID(), paywall_id: 'onboarding' };
    await ios.sdk.post(`/devices/${deviceId}/impressions`, impression);

    const response = await ios.sdk.post(`/devices/${deviceId}/impressions`, impression);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'already_recorded' });
    expect(await deviceEventTypes(api.server, deviceId)).toEqual(['device.impression']);
  });

  test('answers 404 device_not_found for a device never registered', async () => {
    const response = await ios.sdk.post(`/devices/${randomUUID()}/impressions`, {
      impression_id: randomUUID(),
      paywall_id: 'onboarding',
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('device_not_found');
  });

  test.each([
    ['no paywall', 'paywall_id', { paywall_id: undefined }],
    ['an empty paywall', 'paywall_id', { paywall_id: ' ' }],
    ['an impression id that is not a UUID', 'impression_id', { impression_id: '1' }],
    ['an unknown field', 'price', { price: 9.99 }],
  ])('refuses %s with 400 naming %s, and records nothing', async (_case, field, change) => {
    const { deviceId } = await aDevice(ios.sdk);
    const before = await countRows(api.server, 'impressions');

    const response = await ios.sdk.post(`/devices/${deviceId}/impressions`, {
      impression_id: randomUUID(),
      paywall_id: 'onboarding',
      ...change,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await countRows(api.server, 'impressions')).toBe(before);
  });
});
