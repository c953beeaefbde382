import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { eventsOf, schemaViolations } from '../../../testing/engine-readers.js';
import { aDevice, aDevicePurchase, anSdkApp, type SdkPlatform } from '../../../testing/sdk-client.js';
import { useTestServer } from '../../../testing/test-server.js';

// Session starts describe their user with a kept snapshot when nothing it was made from has
// changed: each test changes one thing between two starts and reads the second start's event.

const api = useTestServer();
let ios: SdkPlatform;
let android: SdkPlatform;

beforeAll(async () => {
  [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
});

const DAY_MS = 86_400_000;
const USER_FIELDS = ['user_id', 'active_entitlements', 'customer_journey_state', 'devices', 'external_ids'] as const;

async function startSession(on: SdkPlatform, deviceId: string): Promise<void> {
  const response = await on.sdk.post(`/devices/${deviceId}/sessions`, { session_id: randomUUID() });
  expect(response.statusCode, response.body).toBe(201);
}

/** What the user's latest event of this type says of them. */
async function userFieldsOfLatest(userId: string, type = 'device.session.start') {
  const events = (await eventsOf(api.server, userId)).filter((event) => event.type === type);
  const payload: Record<string, unknown> = events.at(-1)?.payload ?? {};
  return Object.fromEntries(USER_FIELDS.map((field) => [field, payload[field]]));
}

describe('the user a session start describes', () => {
  test('is the same, started again with nothing changed, as every other event says', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    await startSession(ios, deviceId);
    const first = await userFieldsOfLatest(userId);

    await startSession(ios, deviceId);
    await ios.sdk.post(`/devices/${deviceId}/impressions`, { impression_id: randomUUID(), paywall_id: 'settings' });

    expect(await userFieldsOfLatest(userId)).toEqual(first);
    // The impression's user was read afresh, with no kept snapshot.
    expect(await userFieldsOfLatest(userId, 'device.impression')).toEqual(first);
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('has the entitlement bought since, and loses it when its period has run out', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    await startSession(ios, deviceId);
    await aDevicePurchase(ios.sdk, deviceId, ios.sku, { period_days: 7 });

    await startSession(ios, deviceId);
    const subscribed = await userFieldsOfLatest(userId);
    api.server.advanceClock(8 * DAY_MS);
    await startSession(ios, deviceId);
    const lapsed = await userFieldsOfLatest(userId);
    api.server.advanceClock(-8 * DAY_MS);

    expect(subscribed.active_entitlements).toEqual([
      expect.objectContaining({ entitlement_ref_id: 'premium', sku_ref_id: ios.sku }),
    ]);
    expect(lapsed.active_entitlements).toEqual([]);
    expect(lapsed.customer_journey_state).toMatchObject({ former_subscriber: true });
  });

  test('from a server whose clock is behind, still has the access that has ended since', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    await aDevicePurchase(ios.sdk, deviceId, ios.sku, { period_days: 7 });
    api.server.advanceClock(8 * DAY_MS);
    await startSession(ios, deviceId);
    const afterTheEnd = await userFieldsOfLatest(userId);

    // A start stamped two days earlier than the snapshot just kept.
    api.server.advanceClock(-2 * DAY_MS);
    await startSession(ios, deviceId);
    const beforeTheEnd = await userFieldsOfLatest(userId);
    api.server.advanceClock(-6 * DAY_MS);

    expect(afterTheEnd.active_entitlements).toEqual([]);
    expect(beforeTheEnd.active_entitlements).toEqual([expect.objectContaining({ entitlement_ref_id: 'premium' })]);
  });

  test('names the entitlement as the catalog does now', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    await aDevicePurchase(ios.sdk, deviceId, ios.sku);
    await startSession(ios, deviceId);
    const entitlements = await api.client.get(`/api/v1/apps/${ios.appId}/entitlements`);
    const premium = entitlements
      .json()
      .data.find((e: { entitlement_ref_id: string }) => e.entitlement_ref_id === 'premium');

    const renamed = await api.client.patch(`/api/v1/apps/${ios.appId}/entitlements/${premium.id}`, {
      name: `Premium ${randomUUID().slice(0, 4)}`,
    });
    await startSession(ios, deviceId);

    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await userFieldsOfLatest(userId)).active_entitlements).toEqual([
      expect.objectContaining({ entitlement_ref_id: 'premium', name: renamed.json().name }),
    ]);
  });

  test('has the external ids set since, and the devices that joined since', async () => {
    const externalId = `member-${randomUUID()}`;
    const phone = await aDevice(ios.sdk);
    await startSession(ios, phone.deviceId);
    const login = await ios.sdk.post(`/devices/${phone.deviceId}/login`, { external_id: externalId });
    const member = login.json<{ user_id: string }>().user_id;
    await startSession(ios, phone.deviceId);
    const alone = await userFieldsOfLatest(member);

    const tablet = await aDevice(android.sdk);
    await android.sdk.post(`/devices/${tablet.deviceId}/login`, { external_id: externalId });
    const crm = await ios.sdk.put(`/devices/${phone.deviceId}/external-ids/crm`, { value: 'crm-42' });
    await startSession(ios, phone.deviceId);
    const joined = await userFieldsOfLatest(member);

    expect(crm.statusCode, crm.body).toBe(200);
    expect(alone.devices).toEqual([expect.objectContaining({ id: phone.deviceId })]);
    expect(alone.external_ids).toEqual([expect.objectContaining({ key: 'external_id', value: externalId })]);
    expect((joined.devices as Array<{ id: string }>).map((device) => device.id).sort()).toEqual(
      [phone.deviceId, tablet.deviceId].sort(),
    );
    expect(joined.external_ids).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'external_id', value: externalId }),
        expect.objectContaining({ key: 'crm', value: 'crm-42' }),
      ]),
    );
  });
});
