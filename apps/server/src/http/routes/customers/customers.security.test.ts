import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, aProduct } from '../../../testing/catalog-builders.js';
import { type ApiClient, anOrganization, apiClient, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';
import { aDevice, aTestPurchase } from './customer-fixtures.js';

const api = useTestServer();

/** Organization A (the file's own) has a customer with a device and events; B has an app of its own. */
let a: { appId: string; userId: string; eventId: string; deviceId: string };
let appOfB: string;
let clientB: ApiClient;

beforeAll(async () => {
  const app = await anApp(api.client);
  const platform = await anAppPlatform(api.client, app.id);
  await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'monthly' });
  const purchase = await aTestPurchase(api.client, app.id, {
    app_platform_id: platform.id,
    sku_ref_id: 'monthly',
    external_id: 'alice',
  });
  const deviceId = await aDevice(api.server, { appId: app.id, appPlatformId: platform.id, userId: purchase.user_id });
  a = { appId: app.id, userId: purchase.user_id, eventId: purchase.events[0]?.id ?? '', deviceId };
  clientB = apiClient(api.server, (await anOrganization(api.server)).apiKey);
  appOfB = (await anApp(clientB)).id;
});

const routes: Array<[string, (ids: typeof a) => string]> = [
  ['the list', (ids) => `/api/v1/apps/${ids.appId}/customers`],
  ['the CSV export', (ids) => `/api/v1/apps/${ids.appId}/customers/export.csv`],
  ['the detail', (ids) => `/api/v1/apps/${ids.appId}/customers/${ids.userId}`],
  ['the revenue', (ids) => `/api/v1/apps/${ids.appId}/customers/${ids.userId}/revenue`],
  ['the events', (ids) => `/api/v1/apps/${ids.appId}/customers/${ids.userId}/events`],
  ['one event', (ids) => `/api/v1/apps/${ids.appId}/customers/${ids.userId}/events/${ids.eventId}`],
];

describe("another organization's API key", () => {
  test.each(routes)(
    "reading %s of A's app answers 404 app_not_found, as for an app that does not exist",
    async (_name, path) => {
      const foreign = await clientB.get(path(a));
      const missing = await clientB.get(path({ ...a, appId: UNKNOWN_ID }));

      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('app_not_found');
      expect(comparable(foreign.body, a.appId)).toEqual(comparable(missing.body, UNKNOWN_ID));
    },
  );

  test.each(routes.slice(2))(
    "reading %s of A's customer through B's own app answers 404 customer_not_found, as for a missing one",
    async (_name, path) => {
      const foreign = await clientB.get(path({ ...a, appId: appOfB }));
      const missing = await clientB.get(path({ ...a, appId: appOfB, userId: UNKNOWN_ID }));

      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('customer_not_found');
      expect(comparable(foreign.body, a.userId)).toEqual(comparable(missing.body, UNKNOWN_ID));
    },
  );

  test.each([
    ['user_id', () => `user_id=${a.userId}`],
    ['device_id', () => `device_id=${a.deviceId}`],
    ['external_id', () => 'external_id=alice'],
  ])("finds none of A's customers filtering B's own app by A's %s", async (_name, query) => {
    const listed = await clientB.get(`/api/v1/apps/${appOfB}/customers?${query()}`);
    const exported = await clientB.get(`/api/v1/apps/${appOfB}/customers/export.csv?${query()}`);

    expect(listed.json()).toEqual({ data: [], next_cursor: null });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(a.userId);
  });

  test("A's own key reads them all: the 404s above are not an accident", async () => {
    const statuses = [];
    for (const [, path] of routes) {
      statuses.push((await api.client.get(path(a))).statusCode);
    }

    expect(statuses).toEqual(routes.map(() => 200));
  });
});

/** A problem document with the one id that differs named, and the per-request id left out. */
function comparable(body: string, id: string): unknown {
  const { request_id: _requestId, ...rest } = JSON.parse(body.replaceAll(id, '{id}')) as Record<string, unknown>;
  return rest;
}
