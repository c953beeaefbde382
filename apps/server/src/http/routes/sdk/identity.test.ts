import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { eventsOf, eventTypesOf, revenueOf, schemaViolations } from '../../../testing/engine-readers.js';
import {
  aDevice,
  aDevicePurchase,
  anSdkApp,
  deviceRow,
  type SdkPlatform,
  userRow,
} from '../../../testing/sdk-client.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let ios: SdkPlatform;
let android: SdkPlatform;

beforeAll(async () => {
  [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
});

const anExternalId = () => `customer-${randomUUID()}`;

function externalIdsOf(userId: string) {
  return api.server.database.db
    .selectFrom('external_ids')
    .select(['key', 'value'])
    .where('user_id', '=', userId)
    .orderBy('key')
    .execute();
}

function purchaseOwner(purchaseId: string) {
  return api.server.database.db
    .selectFrom('purchases')
    .select('user_id')
    .where('id', '=', purchaseId)
    .executeTakeFirstOrThrow();
}

describe('logging in', () => {
  test('with a new external id moves the device to a new user who has it', async () => {
    const { deviceId, userId: anonymous } = await aDevice(ios.sdk);
    const externalId = anExternalId();

    const response = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });

    expect(response.statusCode, response.body).toBe(200);
    const { user_id: userId } = response.json();
    expect(response.json()).toEqual({ outcome: 'logged_in', user_id: userId, transferred_purchases: 0 });
    expect(userId).not.toBe(anonymous);
    expect((await deviceRow(api.server, ios.appId, deviceId)).user_id).toBe(userId);
    expect(await externalIdsOf(userId)).toEqual([{ key: 'external_id', value: externalId }]);
    expect(await userRow(api.server, ios.appId, userId)).toMatchObject({
      external_id: externalId,
      platforms: ['apple'],
    });
    expect((await userRow(api.server, ios.appId, anonymous)).platforms).toEqual([]);
  });

  test('counts as seeing the signed-in user, who would otherwise look never seen', async () => {
    const { deviceId } = await aDevice(ios.sdk);
    const before = Date.now();

    const response = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: anExternalId() });

    const user = await userRow(api.server, ios.appId, response.json().user_id);
    expect(user.last_seen_at?.getTime()).toBeGreaterThanOrEqual(before);
    expect(user.first_seen_at).toEqual(user.last_seen_at);
  });

  test('at occurred_at, which never moves Last Seen back', async () => {
    const externalId = anExternalId();
    const { deviceId } = await aDevice(ios.sdk);
    const { deviceId: later } = await aDevice(ios.sdk);
    await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId, occurred_at: '2026-05-02T10:00:00Z' });

    const response = await ios.sdk.post(`/devices/${later}/login`, {
      external_id: externalId,
      occurred_at: '2026-04-01T10:00:00Z',
    });

    const user = await userRow(api.server, ios.appId, response.json().user_id);
    expect(user.last_seen_at).toEqual(new Date('2026-05-02T10:00:00Z'));
    expect(user.first_seen_at).toEqual(new Date('2026-04-01T10:00:00Z'));
  });

  test('moves the app sessions the device started, with the first time its user was seen', async () => {
    const { deviceId, userId: anonymous } = await aDevice(ios.sdk);
    for (const hoursAgo of [3, 2]) {
      const started_at = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
      await ios.sdk.post(`/devices/${deviceId}/sessions`, { session_id: randomUUID(), started_at });
    }
    const { deviceId: tablet } = await aDevice(ios.sdk);
    const externalId = anExternalId();
    await ios.sdk.post(`/devices/${tablet}/login`, { external_id: externalId });
    await ios.sdk.post(`/devices/${tablet}/sessions`, { session_id: randomUUID() });
    const before = await userRow(api.server, ios.appId, anonymous);

    const response = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });

    const member = await userRow(api.server, ios.appId, response.json().user_id);
    expect([member.sessions_count, (await userRow(api.server, ios.appId, anonymous)).sessions_count]).toEqual([3, 0]);
    expect(member.first_seen_at).toEqual(before.first_seen_at);
    expect(member.last_seen_at?.getTime()).toBeGreaterThanOrEqual(before.last_seen_at?.getTime() ?? Number.NaN);
  });

  test('moves the purchases the device reported, with transferred.from on the old user and .to on the new', async () => {
    const { deviceId, userId: anonymous } = await aDevice(ios.sdk);
    const { purchase_id: purchaseId } = await aDevicePurchase(ios.sdk, deviceId, ios.sku);

    const response = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: anExternalId() });

    const { user_id: userId, transferred_purchases } = response.json();
    expect(transferred_purchases).toBe(1);
    expect((await purchaseOwner(purchaseId)).user_id).toBe(userId);
    const from = (await eventsOf(api.server, anonymous)).at(-1);
    const to = (await eventsOf(api.server, userId)).at(-1);
    expect(from?.payload).toMatchObject({
      event_type: 'user.subscription.transferred.from',
      user_id: anonymous,
      active_entitlements: [],
      purchase: { id: purchaseId },
      transfer: { from_user_id: anonymous, to_user_id: userId },
    });
    expect(to?.payload).toMatchObject({
      event_type: 'user.subscription.transferred.to',
      user_id: userId,
      active_entitlements: [expect.objectContaining({ entitlement_ref_id: 'premium' })],
      purchase: { id: purchaseId },
      transfer: { from_user_id: anonymous, to_user_id: userId },
    });
    expect(await eventTypesOf(api.server, userId)).toEqual(['user.subscription.transferred.to']);
    expect(await schemaViolations(api.server, anonymous)).toEqual([]);
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('moves the revenue, the CLV and the store purchase id with the purchase', async () => {
    const { deviceId, userId: anonymous } = await aDevice(ios.sdk);
    await aDevicePurchase(ios.sdk, deviceId, ios.sku, { price_micros: 2_990_000 });

    const { user_id: userId } = (
      await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: anExternalId() })
    ).json();

    expect(await revenueOf(api.server, anonymous)).toEqual([]);
    expect((await revenueOf(api.server, userId)).map((row) => row.usd_micros)).toEqual([2_990_000]);
    expect(await userRow(api.server, ios.appId, anonymous)).toMatchObject({
      purchases_count: 0,
      lifetime_value_usd_micros: 0,
      first_purchase_at: null,
    });
    expect(await userRow(api.server, ios.appId, userId)).toMatchObject({
      purchases_count: 1,
      lifetime_value_usd_micros: 2_990_000,
    });
    expect((await externalIdsOf(userId)).map((id) => id.key)).toEqual(['external_id', 'test_store_purchase_id']);
    expect(await externalIdsOf(anonymous)).toEqual([]);
  });

  test('again with the same external id answers already_logged_in and changes nothing', async () => {
    const { deviceId } = await aDevice(ios.sdk);
    const externalId = anExternalId();
    const { user_id: userId } = (await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId })).json();
    const before = await userRow(api.server, ios.appId, userId);

    const response = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'already_logged_in', user_id: userId, transferred_purchases: 0 });
    expect(await userRow(api.server, ios.appId, userId)).toEqual(before);
  });

  test('on a device of another platform with the same external id puts both devices on one user', async () => {
    const iphone = await aDevice(ios.sdk);
    const pixel = await aDevice(android.sdk, { os: 'android' });
    const externalId = anExternalId();
    const first = (await ios.sdk.post(`/devices/${iphone.deviceId}/login`, { external_id: externalId })).json();

    const response = await android.sdk.post(`/devices/${pixel.deviceId}/login`, { external_id: externalId });

    expect(response.json()).toEqual({ outcome: 'logged_in', user_id: first.user_id, transferred_purchases: 0 });
    expect((await deviceRow(api.server, android.appId, pixel.deviceId)).user_id).toBe(first.user_id);
    expect((await deviceRow(api.server, ios.appId, iphone.deviceId)).user_id).toBe(first.user_id);
    expect((await userRow(api.server, ios.appId, first.user_id)).platforms).toEqual(['apple', 'google']);
  });

  test('as a user a store purchase was made for moves the device to that user', async () => {
    const externalId = anExternalId();
    const bought = await api.client.post(`/api/v1/apps/${ios.appId}/test-store/purchases`, {
      app_platform_id: ios.platformId,
      sku_ref_id: ios.sku,
      external_id: externalId,
    });
    expect(bought.statusCode, bought.body).toBe(201);
    const { deviceId } = await aDevice(ios.sdk);

    const response = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });

    expect(response.json()).toEqual({ outcome: 'logged_in', user_id: bought.json().user_id, transferred_purchases: 0 });
    expect((await userRow(api.server, ios.appId, bought.json().user_id)).external_id).toBe(externalId);
  });

  test.each([
    ['no external id', 'external_id', {}],
    ['an empty external id', 'external_id', { external_id: '  ' }],
    ['an external id too long', 'external_id', { external_id: 'x'.repeat(257) }],
    ['an unknown field', 'email', { external_id: 'customer-1', email: 'ada@example.com' }],
  ])('refuses %s with 400 naming %s', async (_case, field, body) => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    const response = await ios.sdk.post(`/devices/${deviceId}/login`, body);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect((await deviceRow(api.server, ios.appId, deviceId)).user_id).toBe(userId);
  });

  test('answers 404 device_not_found for a device never registered', async () => {
    const response = await ios.sdk.post(`/devices/${randomUUID()}/login`, { external_id: anExternalId() });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('device_not_found');
  });
});

describe('logging out', () => {
  async function aLoggedInDeviceWithAPurchase() {
    const { deviceId } = await aDevice(ios.sdk);
    const { purchase_id: purchaseId } = await aDevicePurchase(ios.sdk, deviceId, ios.sku);
    const externalId = anExternalId();
    const { user_id: userId } = (await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId })).json();
    return { deviceId, purchaseId, userId, externalId };
  }

  test('gives the device a fresh anonymous user; the purchases stay with the signed-in user', async () => {
    const { deviceId, purchaseId, userId } = await aLoggedInDeviceWithAPurchase();

    const response = await ios.sdk.post(`/devices/${deviceId}/logout`);

    expect(response.statusCode, response.body).toBe(200);
    const { user_id: fresh } = response.json();
    expect(response.json()).toEqual({ outcome: 'logged_out', user_id: fresh });
    expect(fresh).not.toBe(userId);
    expect((await deviceRow(api.server, ios.appId, deviceId)).user_id).toBe(fresh);
    expect(await userRow(api.server, ios.appId, fresh)).toMatchObject({
      external_id: null,
      purchases_count: 0,
      platforms: ['apple'],
    });
    expect((await purchaseOwner(purchaseId)).user_id).toBe(userId);
    expect(await userRow(api.server, ios.appId, userId)).toMatchObject({ purchases_count: 1, platforms: [] });
  });

  test('again answers already_anonymous with the same user', async () => {
    const { deviceId } = await aLoggedInDeviceWithAPurchase();
    const { user_id: fresh } = (await ios.sdk.post(`/devices/${deviceId}/logout`)).json();

    const response = await ios.sdk.post(`/devices/${deviceId}/logout`);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'already_anonymous', user_id: fresh });
  });

  test('from a device never logged in answers already_anonymous', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    const response = await ios.sdk.post(`/devices/${deviceId}/logout`);

    expect(response.json()).toEqual({ outcome: 'already_anonymous', user_id: userId });
  });

  test('leaves the sessions so far with the signed-in user; a later sign-in brings only the new ones', async () => {
    const { deviceId } = await aDevice(ios.sdk);
    const externalId = anExternalId();
    const login = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });
    const member = login.json<{ user_id: string }>().user_id;
    await ios.sdk.post(`/devices/${deviceId}/sessions`, { session_id: randomUUID() });

    const logout = await ios.sdk.post(`/devices/${deviceId}/logout`);
    const guest = logout.json<{ user_id: string }>().user_id;
    await ios.sdk.post(`/devices/${deviceId}/sessions`, { session_id: randomUUID() });
    const whileOut = [
      (await userRow(api.server, ios.appId, member)).sessions_count,
      (await userRow(api.server, ios.appId, guest)).sessions_count,
    ];
    await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });

    expect(whileOut).toEqual([1, 1]);
    expect((await userRow(api.server, ios.appId, member)).sessions_count).toBe(2);
    expect((await userRow(api.server, ios.appId, guest)).sessions_count).toBe(0);
  });

  test('then logging in again brings the device back to its user, with nothing to transfer', async () => {
    const { deviceId, userId, externalId } = await aLoggedInDeviceWithAPurchase();
    await ios.sdk.post(`/devices/${deviceId}/logout`);

    const response = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });

    expect(response.json()).toEqual({ outcome: 'logged_in', user_id: userId, transferred_purchases: 0 });
  });

  test('after logging in as a user a store purchase was made for gives a fresh anonymous user', async () => {
    const externalId = anExternalId();
    const bought = await api.client.post(`/api/v1/apps/${ios.appId}/test-store/purchases`, {
      app_platform_id: ios.platformId,
      sku_ref_id: ios.sku,
      external_id: externalId,
    });
    const { deviceId } = await aDevice(ios.sdk);
    await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: externalId });

    const response = await ios.sdk.post(`/devices/${deviceId}/logout`);

    expect(response.json()).toMatchObject({ outcome: 'logged_out' });
    expect(response.json().user_id).not.toBe(bought.json().user_id);
  });
});

describe('setting an external id of the app’s own', () => {
  test('gives the device’s user the value for the key', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);

    const response = await ios.sdk.put(`/devices/${deviceId}/external-ids/crm_id`, { value: 'crm-42' });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ user_id: userId });
    expect(await externalIdsOf(userId)).toEqual([{ key: 'crm_id', value: 'crm-42' }]);
  });

  test('a second value for the key replaces the first', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    await ios.sdk.put(`/devices/${deviceId}/external-ids/crm_id`, { value: `crm-${randomUUID()}` });

    await ios.sdk.put(`/devices/${deviceId}/external-ids/crm_id`, { value: 'crm-replaced' });

    expect(await externalIdsOf(userId)).toEqual([{ key: 'crm_id', value: 'crm-replaced' }]);
  });

  test('the same value again answers 200', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    const value = `crm-${randomUUID()}`;
    await ios.sdk.put(`/devices/${deviceId}/external-ids/crm_id`, { value });

    const response = await ios.sdk.put(`/devices/${deviceId}/external-ids/crm_id`, { value });

    expect(response.statusCode, response.body).toBe(200);
    expect(await externalIdsOf(userId)).toEqual([{ key: 'crm_id', value }]);
  });

  test('refuses a value another user has for the key with 409 external_id_taken naming value', async () => {
    const holder = await aDevice(ios.sdk);
    const other = await aDevice(ios.sdk);
    const value = `crm-${randomUUID()}`;
    await ios.sdk.put(`/devices/${holder.deviceId}/external-ids/crm_id`, { value });

    const response = await ios.sdk.put(`/devices/${other.deviceId}/external-ids/crm_id`, { value });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'external_id_taken',
      errors: [expect.objectContaining({ location: 'body', field: 'value' })],
    });
    expect(await externalIdsOf(other.userId)).toEqual([]);
    expect(await externalIdsOf(holder.userId)).toEqual([{ key: 'crm_id', value }]);
  });

  test.each(['external_id', 'original_transaction_id', 'purchase_token', 'test_store_purchase_id'])(
    'refuses the key %s, which Tollgate sets itself, with 400 naming key',
    async (key) => {
      const { deviceId, userId } = await aDevice(ios.sdk);

      const response = await ios.sdk.put(`/devices/${deviceId}/external-ids/${key}`, { value: 'mine' });

      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'params', field: 'key' }));
      expect(await externalIdsOf(userId)).toEqual([]);
    },
  );

  test('refuses a key with upper-case letters with 400 naming key', async () => {
    const { deviceId } = await aDevice(ios.sdk);

    const response = await ios.sdk.put(`/devices/${deviceId}/external-ids/CrmId`, { value: 'crm-1' });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'params', field: 'key' }));
  });

  test('answers 404 device_not_found for a device never registered', async () => {
    const response = await ios.sdk.put(`/devices/${randomUUID()}/external-ids/crm_id`, { value: 'crm-1' });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('device_not_found');
  });
});
