import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// The SDK is a client of the server: its tests drive the real one, started by the server's harness.
import { anApp, anAppPlatform, anEntitlement, aProduct } from '../../../apps/server/src/testing/catalog-builders.js';
import { eventTypesOf, schemaViolations } from '../../../apps/server/src/testing/engine-readers.js';
import {
  anOrganization,
  apiClient,
  startTestServer,
  type TestServer,
} from '../../../apps/server/src/testing/test-server.js';
import { MemoryStorage, Tollgate, TollgateError } from './index.js';

/**
 * The story of one customer on two platforms, through the SDK over real HTTP: an iPhone and an
 * Android phone register, start sessions, sign in as the same customer, buy on the iPhone,
 * and the iPhone signs out. What Tollgate made of it is read back through the customers API.
 */

let server: TestServer;
let baseUrl: string;
let appId: string;
let adminKey: string;
const sdkKeys = { apple: '', google: '' };

beforeAll(async () => {
  server = await startTestServer();
  await server.http.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(server.http.server.address() as AddressInfo).port}`;
  adminKey = (await anOrganization(server)).apiKey;
  const admin = apiClient(server, adminKey);
  const app = await anApp(admin);
  appId = app.id;
  const premium = await anEntitlement(admin, app.id, { entitlement_ref_id: 'premium', name: 'Premium' });
  for (const store of ['apple', 'google'] as const) {
    const platform = await anAppPlatform(admin, app.id, {
      name: store === 'apple' ? 'App Store' : 'Google Play',
      store,
      marketplace_app_id: 'com.example.radio',
    });
    await aProduct(admin, app.id, platform.id, { sku_ref_id: `${store}.monthly`, entitlement_ids: [premium.id] });
    sdkKeys[store] = String(platform.sdk_key);
  }
});

afterAll(async () => {
  await server?.close();
});

interface Customer {
  external_id: string | null;
  platforms: string[];
  lifetime_value_usd_micros: number;
  usage: { purchases: number };
  devices: Array<{ id: string; platform: { store: string }; os: string | null; country: string | null }>;
  active_entitlements: Array<{ entitlement_ref_id: string }>;
  recent_revenue: Array<{ revenue_type: string; usd_micros: number | null; platform: string }>;
}

/** The customer as the Control Center reads them: the admin API, over HTTP. */
async function customer(userId: string): Promise<Customer> {
  const response = await fetch(`${baseUrl}/api/v1/apps/${appId}/customers/${userId}`, {
    headers: { authorization: `Bearer ${adminKey}` },
  });
  expect(response.status, `GET customer ${userId}`).toBe(200);
  return (await response.json()) as Customer;
}

describe('one customer on an iPhone and an Android phone', () => {
  test('signs in on both, buys on one, signs out of it, and keeps what they bought', async () => {
    const iphone = new Tollgate({ sdkKey: sdkKeys.apple, baseUrl, storage: new MemoryStorage() });
    const android = new Tollgate({ sdkKey: sdkKeys.google, baseUrl, storage: new MemoryStorage() });

    const registered = [
      await iphone.register({ os: 'ios', osVersion: '18.2', model: 'iPhone16,2', language: 'en', country: 'US' }),
      await android.register({ os: 'android', osVersion: '15', model: 'Pixel 9', language: 'de', country: 'DE' }),
    ];
    const sessions = [await iphone.startSession(), await android.startSession()];
    const logins = [await iphone.login('customer-42'), await android.login('customer-42')];

    expect(registered[0]?.user_id).not.toBe(registered[1]?.user_id);
    expect(sessions.map((session) => session.outcome)).toEqual(['started', 'started']);
    expect(logins.map((login) => login.outcome)).toEqual(['logged_in', 'logged_in']);
    const customerId = logins[0]?.user_id ?? '';
    expect(logins[1]?.user_id).toBe(customerId);
    const signedIn = await customer(customerId);
    expect(signedIn).toMatchObject({ external_id: 'customer-42', platforms: ['apple', 'google'] });
    expect(signedIn.devices.map((d) => [d.id, d.platform.store, d.os, d.country]).sort()).toEqual(
      [
        [await iphone.deviceId(), 'apple', 'ios', 'US'],
        [await android.deviceId(), 'google', 'android', 'DE'],
      ].sort(),
    );

    const bought = await iphone.recordTransaction({ testStore: { skuRefId: 'apple.monthly', priceMicros: 4_990_000 } });

    expect(bought).toMatchObject({ outcome: 'recorded', user_id: customerId });
    expect(bought.events).toEqual(expect.arrayContaining(['user.subscription.purchased', 'device.transaction']));
    const onAndroid = await android.customerInfo();
    expect(onAndroid.user_id).toBe(customerId);
    expect(onAndroid.active_entitlements).toEqual([
      expect.objectContaining({
        entitlement_ref_id: 'premium',
        sku_ref_id: 'apple.monthly',
        purchase_platform: 'apple',
      }),
    ]);
    expect(onAndroid.external_ids).toContainEqual({ key: 'external_id', type: 'external_id', value: 'customer-42' });

    await android.recordImpression({ paywallId: 'upsell', campaignId: 'spring', variant: 'a' });
    const signedOut = await iphone.logout();
    const ended = [await iphone.endSession(), await android.endSession()];

    expect(signedOut.outcome).toBe('logged_out');
    expect(signedOut.user_id).not.toBe(customerId);
    expect(ended).toEqual([{ outcome: 'ended' }, { outcome: 'ended' }]);
    expect((await iphone.customerInfo()).active_entitlements).toEqual([]);
    expect((await android.customerInfo()).active_entitlements).toEqual([
      expect.objectContaining({ entitlement_ref_id: 'premium' }),
    ]);
    const afterwards = await customer(customerId);
    expect(afterwards).toMatchObject({
      external_id: 'customer-42',
      platforms: ['google'],
      lifetime_value_usd_micros: 4_990_000,
      usage: { purchases: 1 },
      active_entitlements: [expect.objectContaining({ entitlement_ref_id: 'premium' })],
    });
    expect(afterwards.devices.map((device) => device.id)).toEqual([await android.deviceId()]);
    expect(afterwards.recent_revenue.map((row) => [row.revenue_type, row.usd_micros, row.platform])).toEqual([
      ['purchase', 4_990_000, 'apple'],
    ]);
    expect(await eventTypesOf(server, customerId)).toEqual(
      expect.arrayContaining(['user.subscription.purchased', 'device.transaction', 'device.impression']),
    );
    expect(await schemaViolations(server, customerId)).toEqual([]);
    expect(await customer(signedOut.user_id)).toMatchObject({
      external_id: null,
      platforms: ['apple'],
      usage: { purchases: 0 },
      active_entitlements: [],
    });
  });

  test('a second sign-in on the same device changes nothing', async () => {
    const phone = new Tollgate({ sdkKey: sdkKeys.apple, baseUrl, storage: new MemoryStorage() });
    await phone.register();
    const first = await phone.login('customer-7');

    const again = await phone.login('customer-7');

    expect(again).toEqual({ outcome: 'already_logged_in', user_id: first.user_id, transferred_purchases: 0 });
  });

  test('a purchase made before signing in moves to the customer', async () => {
    const phone = new Tollgate({ sdkKey: sdkKeys.google, baseUrl, storage: new MemoryStorage() });
    const { user_id: anonymous } = await phone.register({ os: 'android' });
    await phone.recordTransaction({ testStore: { skuRefId: 'google.monthly' } });

    const login = await phone.login('customer-8');

    expect(login.transferred_purchases).toBe(1);
    expect(await eventTypesOf(server, anonymous)).toContain('user.subscription.transferred.from');
    expect(await eventTypesOf(server, login.user_id)).toEqual(['user.subscription.transferred.to']);
    expect((await phone.customerInfo()).active_entitlements).toHaveLength(1);
    expect(await schemaViolations(server, anonymous)).toEqual([]);
    expect(await schemaViolations(server, login.user_id)).toEqual([]);
  });

  test('a bad call surfaces the API’s problem document as a TollgateError', async () => {
    const phone = new Tollgate({ sdkKey: sdkKeys.apple, baseUrl, storage: new MemoryStorage() });
    await phone.register();

    const failure = await phone.setExternalId('external_id', 'mine').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TollgateError);
    expect(failure).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [expect.objectContaining({ location: 'params', field: 'key' })],
    });
  });

  test('a call before registering answers 404 device_not_found', async () => {
    const phone = new Tollgate({ sdkKey: sdkKeys.apple, baseUrl, storage: new MemoryStorage() });

    await expect(phone.customerInfo()).rejects.toMatchObject({ status: 404, code: 'device_not_found' });
  });

  test('a wrong SDK key answers 401 unauthenticated', async () => {
    const phone = new Tollgate({ sdkKey: 'tgp_wrong', baseUrl, storage: new MemoryStorage() });

    await expect(phone.register()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
  });
});

describe('paywalls from the cloud', () => {
  test('the placement’s paywall is fetched, revalidated with its ETag, and the purchase reported under its variant', async () => {
    const admin = apiClient(server, adminKey);
    const paywall = (
      await admin.post(`/api/v1/apps/${appId}/paywalls`, {
        name: 'Onboarding',
        content: {
          template: 'cards',
          default_locale: 'en',
          copy: { en: { title: 'Unlock every station', call_to_action: 'Subscribe' } },
          dismissible: false,
        },
      })
    ).json();
    await admin.post(`/api/v1/apps/${appId}/paywalls/${paywall.id}/publish`);
    await admin.post(`/api/v1/apps/${appId}/campaigns`, {
      name: 'Welcome',
      placement: 'welcome',
      variants: [{ key: 'A', paywall_id: paywall.id, weight: 100 }],
    });
    const requests: Array<{ url: string; status: number }> = [];
    const phone = new Tollgate({
      sdkKey: sdkKeys.apple,
      baseUrl,
      storage: new MemoryStorage(),
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        requests.push({ url, status: response.status });
        return response;
      },
    });
    await phone.register({ language: 'en-US' });

    const first = await phone.paywall('welcome');
    const again = await phone.paywall('welcome');
    await phone.recordImpression({
      paywallId: first.paywall?.id ?? '',
      campaignId: first.campaign?.id ?? '',
      variant: first.campaign?.variant ?? '',
    });
    const bought = await phone.recordTransaction({
      testStore: { skuRefId: 'apple.monthly' },
      campaign: { id: first.campaign?.id ?? '', variant: first.campaign?.variant ?? '' },
    });

    expect(first).toMatchObject({
      placement: 'welcome',
      campaign: { name: 'Welcome', variant: 'A' },
      paywall: { title: 'Unlock every station', template: 'cards', dismissible: false },
    });
    expect(again).toEqual(first);
    expect(requests.filter((r) => r.url.includes('/placements/')).map((r) => r.status)).toEqual([200, 304]);
    expect(await eventTypesOf(server, bought.user_id)).toContain('device.impression');
    expect(await schemaViolations(server, bought.user_id)).toEqual([]);
  });
});
