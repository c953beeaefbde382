import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { aDevice, aDevicePurchase, anSdkApp, type SdkPlatform } from '../../../testing/sdk-client.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let ios: SdkPlatform;
let android: SdkPlatform;

beforeAll(async () => {
  [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
});

const noFlags = {
  former_subscriber: false,
  in_account_hold: false,
  in_grace_period: false,
  in_trial_period: false,
  in_intro_offer_period: false,
  in_pause: false,
  is_cancelled: false,
};

describe('reading customer info', () => {
  test('of a new device: its anonymous user, nothing to access, no journey yet', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    const response = await ios.sdk.get(`/devices/${deviceId}/customer-info`);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      user_id: userId,
      active_entitlements: [],
      customer_journey_state: noFlags,
      external_ids: [],
    });
  });

  test('after a purchase: the entitlement it grants, until the period ends', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    await aDevicePurchase(ios.sdk, deviceId, ios.sku, { period_days: 30 });

    const response = await ios.sdk.get(`/devices/${deviceId}/customer-info`);

    const info = response.json();
    expect(info.user_id).toBe(userId);
    expect(info.active_entitlements).toEqual([
      {
        entitlement_ref_id: 'premium',
        name: 'Premium',
        description: expect.any(String),
        sku_ref_id: ios.sku,
        expiration: expect.any(String),
        purchase_platform: 'apple',
        last_verified: expect.any(String),
      },
    ]);
    const expiresInDays = (Date.parse(info.active_entitlements[0].expiration) - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(29);
    expect(expiresInDays).toBeLessThanOrEqual(30);
    expect(info.customer_journey_state).toEqual(noFlags);
    expect(info.external_ids).toContainEqual(expect.objectContaining({ key: 'test_store_purchase_id' }));
  });

  test('during a free trial: the entitlement and the in_trial_period flag', async () => {
    const { deviceId } = await aDevice(ios.sdk);
    await aDevicePurchase(ios.sdk, deviceId, ios.sku, { offer: 'trial', trial_days: 7 });

    const info = (await ios.sdk.get(`/devices/${deviceId}/customer-info`)).json();

    expect(info.active_entitlements.map((e: { entitlement_ref_id: string }) => e.entitlement_ref_id)).toEqual([
      'premium',
    ]);
    expect(info.customer_journey_state).toEqual({ ...noFlags, in_trial_period: true });
  });

  test('on a second device of the same user: what the user bought on the first', async () => {
    const iphone = await aDevice(ios.sdk);
    const pixel = await aDevice(android.sdk, { os: 'android' });
    await aDevicePurchase(ios.sdk, iphone.deviceId, ios.sku);
    const externalId = `customer-${randomUUID()}`;
    await ios.sdk.post(`/devices/${iphone.deviceId}/login`, { external_id: externalId });
    await android.sdk.post(`/devices/${pixel.deviceId}/login`, { external_id: externalId });

    const info = (await android.sdk.get(`/devices/${pixel.deviceId}/customer-info`)).json();

    expect(info.active_entitlements).toEqual([
      expect.objectContaining({ entitlement_ref_id: 'premium', purchase_platform: 'apple' }),
    ]);
    expect(info.external_ids).toContainEqual({ key: 'external_id', type: 'external_id', value: externalId });
  });

  test('answers 404 device_not_found for a device never registered', async () => {
    const response = await ios.sdk.get(`/devices/${randomUUID()}/customer-info`);

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('device_not_found');
  });

  test('answers 404 device_not_found for a device of another platform of the app', async () => {
    const { deviceId } = await aDevice(android.sdk);

    const response = await ios.sdk.get(`/devices/${deviceId}/customer-info`);

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('device_not_found');
  });
});
