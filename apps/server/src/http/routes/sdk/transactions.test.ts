import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { eventsOf, eventTypesOf, revenueOf, schemaViolations } from '../../../testing/engine-readers.js';
import { aDevice, anSdkApp, type SdkPlatform, userRow } from '../../../testing/sdk-client.js';
import { countRows, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let ios: SdkPlatform;
let android: SdkPlatform;

beforeAll(async () => {
  [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
});

describe('recording a test-store purchase made on a device', () => {
  test('answers 201 with the purchase, the device’s user and the events it caused', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    const response = await ios.sdk.post(`/devices/${deviceId}/transactions`, {
      transaction_id: randomUUID(),
      test_store: { sku_ref_id: ios.sku },
    });

    expect(response.statusCode, response.body).toBe(201);
    const answer = response.json();
    expect(answer).toMatchObject({ outcome: 'recorded', purchase_id: expect.any(String), user_id: userId });
    expect(answer.events).toEqual(expect.arrayContaining(['user.subscription.purchased', 'device.transaction']));
    expect(await eventTypesOf(api.server, userId)).toEqual(answer.events);
  });

  test('tells device.transaction with the device and the purchase, and every event fits its schema', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    const { purchase_id: purchaseId } = (
      await ios.sdk.post(`/devices/${deviceId}/transactions`, {
        transaction_id: randomUUID(),
        test_store: { sku_ref_id: ios.sku },
      })
    ).json();

    const transaction = (await eventsOf(api.server, userId)).find((event) => event.type === 'device.transaction');
    expect(transaction?.payload).toMatchObject({
      event_platform: 'apple',
      device_id: deviceId,
      purchase: { id: purchaseId },
      active_entitlements: [expect.objectContaining({ entitlement_ref_id: 'premium' })],
    });
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('carries the campaign and variant the device bought under, when it says so', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    await ios.sdk.post(`/devices/${deviceId}/transactions`, {
      transaction_id: randomUUID(),
      campaign: { id: 'spring-test', variant: 'B' },
      test_store: { sku_ref_id: ios.sku },
    });

    const transaction = (await eventsOf(api.server, userId)).find((event) => event.type === 'device.transaction');
    expect(transaction?.payload).toMatchObject({ campaign: { id: 'spring-test', variant: 'B' } });
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('counts the revenue in the user’s summary', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    await ios.sdk.post(`/devices/${deviceId}/transactions`, {
      transaction_id: randomUUID(),
      test_store: { sku_ref_id: ios.sku, price_micros: 4_990_000, currency: 'USD' },
    });

    expect((await revenueOf(api.server, userId)).map((row) => [row.revenue_type, row.usd_micros])).toEqual([
      ['purchase', 4_990_000],
    ]);
    expect(await userRow(api.server, ios.appId, userId)).toMatchObject({
      purchases_count: 1,
      lifetime_value_usd_micros: 4_990_000,
    });
  });

  test('the same transaction id again answers 200 already_recorded with no events, and records nothing', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    const report = { transaction_id: randomUUID(), test_store: { sku_ref_id: ios.sku } };
    const first = (await ios.sdk.post(`/devices/${deviceId}/transactions`, report)).json();
    const eventsBefore = await countRows(api.server, 'events');
    const purchasesBefore = await countRows(api.server, 'purchases');

    const response = await ios.sdk.post(`/devices/${deviceId}/transactions`, report);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      outcome: 'already_recorded',
      purchase_id: first.purchase_id,
      user_id: userId,
      events: [],
    });
    expect(await countRows(api.server, 'events')).toBe(eventsBefore);
    expect(await countRows(api.server, 'purchases')).toBe(purchasesBefore);
  });

  test('refuses an SKU the app platform does not have with 422 unknown_sku, and records nothing', async () => {
    const { deviceId } = await aDevice(ios.sdk);
    const before = await countRows(api.server, 'purchases');

    const response = await ios.sdk.post(`/devices/${deviceId}/transactions`, {
      transaction_id: randomUUID(),
      test_store: { sku_ref_id: android.sku },
    });

    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('unknown_sku');
    expect(await countRows(api.server, 'purchases')).toBe(before);
  });

  test('refuses an App Store transaction on a Google Play platform with 422 wrong_store', async () => {
    const { deviceId } = await aDevice(android.sdk);

    const response = await android.sdk.post(`/devices/${deviceId}/transactions`, {
      transaction_id: randomUUID(),
      apple: { signed_transaction: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln' },
    });

    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('wrong_store');
  });

  test('answers 404 device_not_found for a device never registered', async () => {
    const response = await ios.sdk.post(`/devices/${randomUUID()}/transactions`, {
      transaction_id: randomUUID(),
      test_store: { sku_ref_id: ios.sku },
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('device_not_found');
  });

  const google = { purchase_token: 'token-1', product_id: 'monthly', product_type: 'subscription' };
  const apple = { signed_transaction: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln' };

  test.each([
    ['none of apple, google or test_store', 'apple', {}],
    ['both apple and test_store', 'apple', { apple, test_store: { sku_ref_id: 'apple.monthly' } }],
    ['both google and test_store', 'apple', { google, test_store: { sku_ref_id: 'apple.monthly' } }],
    ['all three', 'apple', { apple, google, test_store: { sku_ref_id: 'apple.monthly' } }],
    ['a negative price', 'test_store.price_micros', { test_store: { sku_ref_id: 'apple.monthly', price_micros: -1 } }],
    ['a lower-case currency', 'test_store.currency', { test_store: { sku_ref_id: 'apple.monthly', currency: 'usd' } }],
    ['an unknown offer', 'test_store.offer', { test_store: { sku_ref_id: 'apple.monthly', offer: 'free' } }],
    ['an unknown field', 'quantity', { test_store: { sku_ref_id: 'apple.monthly' }, quantity: 2 }],
  ])('refuses %s with 400 naming %s, and records nothing', async (_case, field, change) => {
    const { deviceId } = await aDevice(ios.sdk);
    const before = await countRows(api.server, 'purchases');

    const response = await ios.sdk.post(`/devices/${deviceId}/transactions`, {
      transaction_id: randomUUID(),
      ...change,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await countRows(api.server, 'purchases')).toBe(before);
  });
});
