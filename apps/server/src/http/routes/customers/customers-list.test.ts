import { pseudonym } from '@tollgate/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, anEntitlement, aProduct } from '../../../testing/catalog-builders.js';
import { UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';
import { aDevice, aStep, aTestPurchase, aUser, type TestPurchase } from './customer-fixtures.js';

const api = useTestServer();

const T0 = Date.parse('2026-03-01T00:00:00Z');
const minute = (n: number) => new Date(T0 + n * 60_000);

interface Page {
  data: Array<{ user_id: string; [field: string]: unknown }>;
  next_cursor: string | null;
}

async function list(appId: string, query = ''): Promise<Page> {
  const response = await api.client.get(`/api/v1/apps/${appId}/customers${query ? `?${query}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function userIds(appId: string, query = ''): Promise<string[]> {
  return (await list(appId, query)).data.map((row) => row.user_id);
}

/** Every page of the list, `limit` at a time, with whatever happens between two pages. */
async function walk(appId: string, limit: number, between: (pageNumber: number) => Promise<void> = async () => {}) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list(appId, `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    pages.push(page.data.map((row) => row.user_id));
    cursor = page.next_cursor;
    await between(pages.length);
  } while (cursor !== null);
  return pages;
}

describe('the customers list and its filters', () => {
  /**
   * Five customers of one app, updated a minute apart (u1 first):
   * u1 alice (an Apple device), u2 bob (Google), u3 carol (Apple and Google),
   * u4 made by a test-store purchase (no device, no external id), u5 (a Roku device).
   */
  const u: Record<'u1' | 'u2' | 'u3' | 'u4' | 'u5', string> = { u1: '', u2: '', u3: '', u4: '', u5: '' };
  const d: Record<'d1' | 'd2' | 'd3' | 'd4' | 'd5', string> = { d1: '', d2: '', d3: '', d4: '', d5: '' };
  let appId: string;
  let otherAppUserId: string;
  let storePurchaseIdOfU4: string;

  beforeAll(async () => {
    const app = await anApp(api.client);
    appId = app.id;
    const apple = await anAppPlatform(api.client, appId, { store: 'apple' });
    const google = await anAppPlatform(api.client, appId, { store: 'google' });
    const roku = await anAppPlatform(api.client, appId, { store: 'roku' });
    const premium = await anEntitlement(api.client, appId);
    await aProduct(api.client, appId, apple.id, { sku_ref_id: 'monthly', entitlement_ids: [premium.id] });
    const device = (userId: string, appPlatformId: string, sessions = 1) =>
      aDevice(api.server, { appId, appPlatformId, userId, sessions, lastSeenAt: minute(0) });

    u.u1 = await aUser(api.server, appId, { updatedAt: minute(1), externalId: 'alice' });
    d.d1 = await device(u.u1, apple.id, 4);
    u.u2 = await aUser(api.server, appId, { updatedAt: minute(2), externalId: 'bob' });
    d.d2 = await device(u.u2, google.id);
    u.u3 = await aUser(api.server, appId, { updatedAt: minute(3), externalId: 'carol' });
    d.d3 = await device(u.u3, apple.id);
    d.d4 = await device(u.u3, google.id);
    api.server.setClock(minute(4));
    const purchase = await aTestPurchase(api.client, appId, { app_platform_id: apple.id, sku_ref_id: 'monthly' });
    u.u4 = purchase.user_id;
    storePurchaseIdOfU4 = purchase.store_purchase_id;
    u.u5 = await aUser(api.server, appId, { updatedAt: minute(5) });
    d.d5 = await device(u.u5, roku.id);

    const otherApp = await anApp(api.client);
    otherAppUserId = await aUser(api.server, otherApp.id, { updatedAt: minute(6), externalId: 'alice' });
  });

  test('lists the customers most recently updated first, with their summary columns', async () => {
    const page = await list(appId);

    expect(page.data.map((row) => row.user_id)).toEqual([u.u5, u.u4, u.u3, u.u2, u.u1]);
    expect(page.next_cursor).toBeNull();
    expect(page.data.at(-1)).toEqual({
      user_id: u.u1,
      pseudonym: pseudonym(u.u1),
      external_id: 'alice',
      last_seen_at: minute(0).toISOString(),
      app_sessions: 4,
      platforms: ['apple'],
      updated_at: minute(1).toISOString(),
    });
    expect(page.data[2]).toMatchObject({ user_id: u.u3, external_id: 'carol', platforms: ['apple', 'google'] });
  });

  test('shows a customer made by a test-store purchase, with no device, as never seen with 0 app sessions', async () => {
    const page = await list(appId, `user_id=${u.u4}`);

    expect(page.data).toEqual([
      {
        user_id: u.u4,
        pseudonym: pseudonym(u.u4),
        external_id: null,
        last_seen_at: null,
        app_sessions: 0,
        platforms: [],
        updated_at: expect.stringMatching(/^2026-03-01T00:04:/),
      },
    ]);
  });

  test.each<[string, () => string, () => string[]]>([
    ['external_id', () => 'external_id=alice', () => [u.u1]],
    ['device_id', () => `device_id=${d.d4}`, () => [u.u3]],
    ['user_id', () => `user_id=${u.u4}`, () => [u.u4]],
    ['platform=apple', () => 'platform=apple', () => [u.u3, u.u1]],
    ['platform=google', () => 'platform=google', () => [u.u3, u.u2]],
    ['platform=roku', () => 'platform=roku', () => [u.u5]],
  ])('filters by %s alone', async (_name, query, expected) => {
    expect(await userIds(appId, query())).toEqual(expected());
  });

  test.each<[string, () => string, () => string[]]>([
    ['external_id and device_id', () => `external_id=carol&device_id=${d.d4}`, () => [u.u3]],
    ['external_id and user_id', () => `external_id=carol&user_id=${u.u3}`, () => [u.u3]],
    ['external_id and platform', () => 'external_id=carol&platform=google', () => [u.u3]],
    ['device_id and user_id', () => `device_id=${d.d3}&user_id=${u.u3}`, () => [u.u3]],
    ['device_id and platform', () => `device_id=${d.d3}&platform=google`, () => [u.u3]],
    ['user_id and platform', () => `user_id=${u.u1}&platform=apple`, () => [u.u1]],
    ['external_id and device_id of another customer', () => `external_id=alice&device_id=${d.d4}`, () => []],
    ['external_id and user_id of another customer', () => `external_id=alice&user_id=${u.u3}`, () => []],
    ['external_id and a platform the customer lacks', () => 'external_id=bob&platform=apple', () => []],
    ['device_id and user_id of another customer', () => `device_id=${d.d1}&user_id=${u.u2}`, () => []],
    ['device_id and a platform the customer lacks', () => `device_id=${d.d2}&platform=apple`, () => []],
    ['user_id and a platform the customer lacks', () => `user_id=${u.u4}&platform=apple`, () => []],
  ])('combines %s with AND', async (_name, query, expected) => {
    expect(await userIds(appId, query())).toEqual(expected());
  });

  test('combines all four filters with AND', async () => {
    const all = `external_id=carol&device_id=${d.d3}&user_id=${u.u3}&platform=apple`;
    const oneOff = `external_id=carol&device_id=${d.d3}&user_id=${u.u3}&platform=roku`;

    expect(await userIds(appId, all)).toEqual([u.u3]);
    expect(await userIds(appId, oneOff)).toEqual([]);
  });

  test.each<[string, () => string]>([
    ['an unknown external id', () => 'external_id=nobody'],
    ['an unknown device', () => `device_id=${UNKNOWN_ID}`],
    ['an unknown user', () => `user_id=${UNKNOWN_ID}`],
    ['a user of another app of the organization', () => `user_id=${otherAppUserId}`],
    ["a store's purchase id given as the external id", () => `external_id=${storePurchaseIdOfU4}`],
  ])('answers an empty list for %s', async (_name, query) => {
    expect(await list(appId, query())).toEqual({ data: [], next_cursor: null });
  });

  test.each(['external_id', 'device_id', 'user_id', 'platform', 'limit', 'cursor'])(
    'refuses a repeated %s with 400 validation_failed naming it',
    async (parameter) => {
      const value = parameter === 'platform' ? 'apple' : parameter === 'limit' ? '5' : UNKNOWN_ID;

      const response = await api.client.get(
        `/api/v1/apps/${appId}/customers?${parameter}=${value}&${parameter}=${value}`,
      );

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'validation_failed',
        detail: `The request is not valid: check ${parameter}`,
        errors: [{ location: 'querystring', field: parameter, message: 'Give this parameter at most once' }],
      });
    },
  );

  test.each([
    ['device_id', 'device_id=nope', 'Must be a UUID'],
    ['user_id', 'user_id=1234', 'Must be a UUID'],
    ['platform', 'platform=windows', 'Must be one of apple, google, roku'],
    ['platform', 'platform=Apple', 'Must be one of apple, google, roku'],
    ['external_id', 'external_id=', 'Must not be empty'],
    ['external_id', `external_id=${'x'.repeat(257)}`, expect.any(String)],
    ['limit', 'limit=0', expect.any(String)],
    ['limit', 'limit=101', expect.any(String)],
    ['limit', 'limit=ten', 'Must be a whole number'],
    ['cursor', 'cursor=not-a-cursor', 'Not a cursor returned by this API'],
    ['platfrom', 'platfrom=apple', 'Unknown field'],
  ])('refuses a bad %s (%s) with 400 naming the field', async (field, query, message) => {
    const response = await api.client.get(`/api/v1/apps/${appId}/customers?${query}`);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ location: 'querystring', field, message }],
    });
  });

  test('answers 404 app_not_found for an unknown app, and 400 for a malformed app id', async () => {
    const unknown = await api.client.get(`/api/v1/apps/${UNKNOWN_ID}/customers`);
    const malformed = await api.client.get('/api/v1/apps/not-an-id/customers');

    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('app_not_found');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([{ location: 'params', field: 'appId', message: 'Must be a UUID' }]);
  });
});

describe('paging through the customers', () => {
  test('walks every customer once, newest first, and says null on the last page', async () => {
    const { id: appId } = await anApp(api.client);
    const ids = [];
    for (let n = 1; n <= 5; n++) {
      ids.push(await aUser(api.server, appId, { updatedAt: minute(n) }));
    }

    const pages = await walk(appId, 2);

    expect(pages).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);
  });

  test('a last page that is exactly full has a null next_cursor', async () => {
    const { id: appId } = await anApp(api.client);
    for (let n = 1; n <= 4; n++) {
      await aUser(api.server, appId, { updatedAt: minute(n) });
    }

    const pages = await walk(appId, 2);

    expect(pages.map((page) => page.length)).toEqual([2, 2]);
  });

  test('customers updated within the same millisecond page by their exact time, then by id, none skipped or repeated', async () => {
    const { id: appId } = await anApp(api.client);
    // Microseconds apart, or the very same instant: a cursor rounded to the millisecond would skip some.
    const times = [
      '2026-03-01T00:00:00.123001Z',
      '2026-03-01T00:00:00.123456Z',
      '2026-03-01T00:00:00.123456Z',
      '2026-03-01T00:00:00.123456Z',
      '2026-03-01T00:00:00.123999Z',
    ];
    const created = [];
    for (const updatedAt of times) {
      created.push({ id: await aUser(api.server, appId, { updatedAt }), updatedAt });
    }
    const expected = created
      .sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1))
      .map((user) => user.id);

    const pages = await walk(appId, 1);

    expect(pages.flat()).toEqual(expected);
  });

  test('a customer updated between two pages is not shown twice, and every customer left alone is shown once', async () => {
    // What the keyset guarantees: pages follow (updated_at, id) downwards from the last row shown.
    // A customer updated meanwhile moves to the front of the list, above the walk: seen already,
    // it is not shown again; not seen yet, it is not shown on the later pages but tops a new
    // first page. Customers left alone are each shown exactly once, in order.
    const { id: appId } = await anApp(api.client);
    const platform = await anAppPlatform(api.client, appId);
    await aProduct(api.client, appId, platform.id, { sku_ref_id: 'monthly' });
    const purchases: TestPurchase[] = [];
    for (let n = 1; n <= 6; n++) {
      api.server.setClock(minute(n));
      purchases.push(
        await aTestPurchase(api.client, appId, {
          app_platform_id: platform.id,
          sku_ref_id: 'monthly',
          external_id: `walker-${n}`,
          at: minute(0).toISOString(),
        }),
      );
    }
    const [p1, p2, p3, p4, p5, p6] = purchases.map((purchase) => purchase.user_id);
    const cancel = async (index: number, at: number) => {
      api.server.setClock(minute(at));
      await aStep(api.client, appId, purchases[index]?.purchase_id ?? '', {
        action: 'cancel',
        at: minute(1).toISOString(),
      });
    };

    const pages = await walk(appId, 2, async (pageNumber) => {
      if (pageNumber === 1) {
        await cancel(4, 10); // p5, on the page just read
        await cancel(1, 11); // p2, not read yet
      }
    });
    const fresh = await userIds(appId);

    expect(pages).toEqual([[p6, p5], [p4, p3], [p1]]);
    expect(fresh).toEqual([p2, p5, p6, p4, p3, p1]);
  });
});
