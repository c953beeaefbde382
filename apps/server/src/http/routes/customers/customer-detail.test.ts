import { pseudonym } from '@tollgate/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, anEntitlement, aProduct } from '../../../testing/catalog-builders.js';
import { eventsOf } from '../../../testing/engine-readers.js';
import { UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';
import { aDevice, aStep, aTestPurchase, type TestPurchase } from './customer-fixtures.js';

const api = useTestServer();

const T0 = Date.parse('2026-01-01T00:00:00Z');
const day = (n: number) => new Date(T0 + n * 86_400_000).toISOString();

let appId: string;
let platform: { id: string; name: string };
/** Alice: bought the monthly SKU on day 0 and renewed it five times; one iPhone. */
let alice: TestPurchase;
let deviceId: string;
/** Bob: another customer of the same app, with events of his own. */
let bob: TestPurchase;
let otherAppUserId: string;

const url = (userId: string, rest = '') => `/api/v1/apps/${appId}/customers/${userId}${rest}`;

beforeAll(async () => {
  const app = await anApp(api.client);
  appId = app.id;
  const created = await anAppPlatform(api.client, appId, { name: 'iPhone app' });
  platform = { id: created.id, name: 'iPhone app' };
  const premium = await anEntitlement(api.client, appId, { entitlement_ref_id: 'premium', name: 'Premium' });
  await aProduct(api.client, appId, platform.id, { sku_ref_id: 'monthly', entitlement_ids: [premium.id] });

  api.server.setClock(new Date(day(0)));
  alice = await aTestPurchase(api.client, appId, {
    app_platform_id: platform.id,
    sku_ref_id: 'monthly',
    external_id: 'alice',
    at: day(0),
  });
  for (const on of [30, 60, 90, 120, 150]) {
    api.server.setClock(new Date(day(on)));
    await aStep(api.client, appId, alice.purchase_id, { action: 'renew', at: day(on) });
  }
  deviceId = await aDevice(api.server, {
    appId,
    appPlatformId: platform.id,
    userId: alice.user_id,
    sessions: 3,
    firstSeenAt: new Date(day(-1)),
    lastSeenAt: new Date(day(151)),
    info: {
      os: 'iOS',
      os_version: '18.2',
      model: 'iPhone16,1',
      language: 'en-GB',
      country: 'GB',
      sdk_version: '1.0.0',
      app_version: '3.2.1',
    },
  });
  bob = await aTestPurchase(api.client, appId, { app_platform_id: platform.id, sku_ref_id: 'monthly', at: day(150) });

  const otherApp = await anApp(api.client);
  const otherPlatform = await anAppPlatform(api.client, otherApp.id);
  await aProduct(api.client, otherApp.id, otherPlatform.id, { sku_ref_id: 'monthly' });
  otherAppUserId = (
    await aTestPurchase(api.client, otherApp.id, { app_platform_id: otherPlatform.id, sku_ref_id: 'monthly' })
  ).user_id;
  api.server.setClock(new Date(day(152)));
});

describe('the customer detail', () => {
  test('identifies the customer by id, pseudonym and every external id, the app’s own first', async () => {
    const response = await api.client.get(url(alice.user_id));

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      user_id: alice.user_id,
      pseudonym: pseudonym(alice.user_id),
      external_id: 'alice',
      external_ids: [
        { key: 'external_id', type: 'external_id', value: 'alice' },
        { key: 'test_store_purchase_id', type: 'test_store_purchase_id', value: alice.store_purchase_id },
      ],
      platforms: ['apple'],
    });
  });

  test('shows the lifetime value and the usage from the summary row', async () => {
    const body = (await api.client.get(url(alice.user_id))).json();

    expect(body.lifetime_value_usd_micros).toBe(6 * 9_990_000);
    expect(body.usage).toEqual({
      purchases: 6,
      app_sessions: 3,
      first_seen_at: day(-1),
      last_seen_at: day(151),
      first_purchase_at: day(0),
      last_purchase_at: day(150),
    });
  });

  test('shows the 5 newest revenue rows, newest first', async () => {
    const body = (await api.client.get(url(alice.user_id))).json();

    expect(body.recent_revenue).toEqual(
      [150, 120, 90, 60, 30].map((on) => ({
        id: expect.any(String),
        revenue_type: 'renewal',
        amount_micros: 9_990_000,
        currency: 'USD',
        usd_micros: 9_990_000,
        platform: 'apple',
        environment: 'nami_bypass_store',
        sku_ref_id: 'monthly',
        occurred_at: day(on),
      })),
    );
  });

  test('shows the 5 newest events, newest first', async () => {
    const written = await eventsOf(api.server, alice.user_id);

    const body = (await api.client.get(url(alice.user_id))).json();

    expect(written.length).toBeGreaterThan(5);
    expect(body.recent_events).toEqual(
      written
        .slice(-5)
        .reverse()
        .map((event) => ({ id: event.id, event_type: event.type, created_at: expect.any(String) })),
    );
  });

  test('shows the active entitlements, each with the SKU that unlocked it', async () => {
    const body = (await api.client.get(url(alice.user_id))).json();

    expect(body.active_entitlements).toEqual([
      {
        entitlement_ref_id: 'premium',
        name: 'Premium',
        description: expect.any(String),
        sku_ref_id: 'monthly',
        expiration: day(180),
        purchase_platform: 'apple',
        last_verified: expect.any(String),
      },
    ]);
  });

  test('lists the devices with their platform, model, language and SDK version', async () => {
    const body = (await api.client.get(url(alice.user_id))).json();

    expect(body.devices).toEqual([
      {
        id: deviceId,
        platform: { id: platform.id, name: platform.name, store: 'apple' },
        os: 'iOS',
        os_version: '18.2',
        model: 'iPhone16,1',
        language: 'en-GB',
        country: 'GB',
        sdk_version: '1.0.0',
        app_version: '3.2.1',
        last_seen_at: day(151),
      },
    ]);
  });

  test('shows a customer with no device and no sessions as never seen', async () => {
    const body = (await api.client.get(url(bob.user_id))).json();

    expect(body).toMatchObject({
      external_id: null,
      devices: [],
      platforms: [],
      usage: { purchases: 1, app_sessions: 0, first_seen_at: null, last_seen_at: null },
    });
  });
});

describe("the customer's revenue", () => {
  test('lists every revenue row newest first, page by page, next_cursor null on the last', async () => {
    const first = await api.client.get(url(alice.user_id, '/revenue?limit=4'));
    const second = await api.client.get(url(alice.user_id, `/revenue?limit=4&cursor=${first.json().next_cursor}`));

    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((row: { occurred_at: string }) => row.occurred_at)).toEqual(
      [150, 120, 90, 60].map(day),
    );
    expect(second.json()).toEqual({
      data: [
        expect.objectContaining({ revenue_type: 'renewal', occurred_at: day(30) }),
        expect.objectContaining({ revenue_type: 'purchase', occurred_at: day(0), amount_micros: 9_990_000 }),
      ],
      next_cursor: null,
    });
  });

  test('refuses a cursor it did not make with 400 naming the cursor', async () => {
    const response = await api.client.get(url(alice.user_id, '/revenue?cursor=eyJhdCI6MX0'));

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { location: 'querystring', field: 'cursor', message: 'Not a cursor returned by this API' },
    ]);
  });
});

describe("the customer's events", () => {
  test('lists every event newest first with its full payload, page by page', async () => {
    const written = await eventsOf(api.server, alice.user_id);

    const seen = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await api.client.get(url(alice.user_id, `/events?limit=5${cursor ? `&cursor=${cursor}` : ''}`));
      expect(response.statusCode, response.body).toBe(200);
      seen.push(...response.json().data);
      cursor = response.json().next_cursor;
      pages += 1;
    } while (cursor !== null);

    expect(pages).toBe(Math.ceil(written.length / 5));
    expect(seen).toEqual(
      written
        .slice()
        .reverse()
        .map((event) => ({
          id: event.id,
          event_type: event.type,
          platform: 'apple',
          created_at: expect.any(String),
          payload: event.payload,
        })),
    );
  });

  test('shows one event with its payload', async () => {
    const [event] = await eventsOf(api.server, alice.user_id);

    const response = await api.client.get(url(alice.user_id, `/events/${event?.id}`));

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: event?.id,
      event_type: 'user.subscription.purchased',
      platform: 'apple',
      created_at: expect.any(String),
      payload: event?.payload,
    });
  });

  test("answers another customer's event with 404 event_not_found, as for a missing one", async () => {
    const bobsEvent = bob.events[0]?.id ?? '';

    const foreign = await api.client.get(url(alice.user_id, `/events/${bobsEvent}`));
    const missing = await api.client.get(url(alice.user_id, `/events/${UNKNOWN_ID}`));

    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('event_not_found');
    expect(withoutRequestId(foreign.body.replaceAll(bobsEvent, '{eventId}'))).toEqual(
      withoutRequestId(missing.body.replaceAll(UNKNOWN_ID, '{eventId}')),
    );
  });
});

describe('a customer that is not there', () => {
  const routes = ['', '/revenue', '/events', '/events/01900000-0000-7000-8000-0000000000ee'];

  test.each(routes)('GET …/customers/{userId}%s answers 404 customer_not_found for an unknown user', async (rest) => {
    const response = await api.client.get(url(UNKNOWN_ID, rest));

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'customer_not_found',
      detail: `The app has no customer ${UNKNOWN_ID}`,
    });
  });

  test.each(routes)(
    'GET …/customers/{userId}%s answers a user of another app exactly as a missing one',
    async (rest) => {
      const foreign = await api.client.get(url(otherAppUserId, rest));
      const missing = await api.client.get(url(UNKNOWN_ID, rest));

      expect(foreign.statusCode).toBe(404);
      expect(withoutRequestId(foreign.body.replaceAll(otherAppUserId, '{userId}'))).toEqual(
        withoutRequestId(missing.body.replaceAll(UNKNOWN_ID, '{userId}')),
      );
    },
  );

  test.each([
    ['userId', () => url('nope')],
    ['userId', () => url('nope', '/revenue')],
    ['userId', () => url('nope', '/events')],
    ['eventId', () => url(alice.user_id, '/events/nope')],
  ])('refuses a malformed %s with 400 naming it', async (field, path) => {
    const response = await api.client.get(path());

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ location: 'params', field, message: 'Must be a UUID' }]);
  });
});

function withoutRequestId(body: string): unknown {
  const { request_id: _requestId, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
}
