import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { anApp, anAppPlatform, anEntitlement, aProduct } from './catalog-builders.js';
import type { ApiClient, TestServer } from './test-server.js';

/** A client that calls the SDK API (`/sdk/v1`) as a device, with one app platform's SDK key. */
function sdkClient(server: TestServer, sdkKey: string) {
  const call = (method: 'GET' | 'PUT' | 'POST', path: string, payload?: object): Promise<LightMyRequestResponse> =>
    server.http.inject({
      method,
      url: `/sdk/v1${path}`,
      headers: { authorization: `Bearer ${sdkKey}` },
      ...(payload === undefined ? {} : { payload }),
    });
  return {
    call,
    get: (path: string) => call('GET', path),
    put: (path: string, payload: object) => call('PUT', path, payload),
    post: (path: string, payload: object = {}) => call('POST', path, payload),
  };
}

export type SdkClient = ReturnType<typeof sdkClient>;

export interface SdkPlatform {
  appId: string;
  platformId: string;
  sdkKey: string;
  sdk: SdkClient;
  /** A subscription SKU of this platform that grants `premium`. */
  sku: string;
}

/**
 * An app with an App Store platform (and, when asked, more platforms of other stores), each
 * with a monthly SKU granting the app's `premium` entitlement, and an SDK client per platform.
 */
export async function anSdkApp(
  server: TestServer,
  client: ApiClient,
  stores: ReadonlyArray<'apple' | 'google'> = ['apple'],
): Promise<SdkPlatform[]> {
  const app = await anApp(client);
  const premium = await anEntitlement(client, app.id, { entitlement_ref_id: 'premium', name: 'Premium' });
  const platforms: SdkPlatform[] = [];
  for (const store of stores) {
    const platform = await anAppPlatform(client, app.id, {
      name: store === 'apple' ? 'App Store' : 'Google Play',
      store,
      marketplace_app_id: `com.example.${store}${platforms.length}${randomUUID().slice(0, 8)}`,
    });
    const sku = `${store}.monthly`;
    await aProduct(client, app.id, platform.id, { sku_ref_id: sku, entitlement_ids: [premium.id] });
    const sdkKey = String(platform.sdk_key);
    platforms.push({ appId: app.id, platformId: platform.id, sdkKey, sdk: sdkClient(server, sdkKey), sku });
  }
  return platforms;
}

/** Registers a new device (a UUID it made itself) and answers its id and its anonymous user's. */
export async function aDevice(
  sdk: SdkClient,
  info: Record<string, unknown> = {},
): Promise<{ deviceId: string; userId: string }> {
  const deviceId = randomUUID();
  const response = await sdk.put(`/devices/${deviceId}`, { os: 'ios', ...info });
  expect(response.statusCode, response.body).toBe(201);
  return { deviceId, userId: response.json().user_id };
}

/** A test-store purchase of the SKU reported by the device, as a successful call answers it. */
export async function aDevicePurchase(
  sdk: SdkClient,
  deviceId: string,
  sku: string,
  testStore: Record<string, unknown> = {},
): Promise<{ purchase_id: string; user_id: string; events: string[] }> {
  const response = await sdk.post(`/devices/${deviceId}/transactions`, {
    transaction_id: randomUUID(),
    test_store: { sku_ref_id: sku, ...testStore },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** The user's summary row, as the customers list reads it. */
export function userRow(server: TestServer, appId: string, userId: string) {
  return server.database.db
    .selectFrom('users')
    .selectAll()
    .where('app_id', '=', appId)
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export function deviceRow(server: TestServer, appId: string, deviceId: string) {
  return server.database.db
    .selectFrom('devices')
    .selectAll()
    .where('app_id', '=', appId)
    .where('id', '=', deviceId)
    .executeTakeFirstOrThrow();
}

/** The events told about one device, oldest first. */
export async function deviceEventTypes(server: TestServer, deviceId: string): Promise<string[]> {
  const rows = await server.database.db
    .selectFrom('events')
    .select('type')
    .where('device_id', '=', deviceId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.type);
}
