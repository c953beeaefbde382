import {
  APPLE_APP_APPLE_ID,
  APPLE_BUNDLE_ID,
  type AppleNotificationOptions,
  type AppleTestPki,
  anAppleNotification,
  createAppleTestPki,
  DAY_MS,
  FIXTURE_NOW_MS,
} from '@tollgate/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { aStoreCatalog, rootFile, type StoreCatalog } from '../../../testing/store-fixtures.js';
import { anOrganization, apiClient, countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const pki: AppleTestPki = await createAppleTestPki();
const api = useTestServer({ stores: () => ({ appleExtraRootFiles: [rootFile(pki)] }) });

const day = (n: number) => FIXTURE_NOW_MS + n * DAY_MS;

/** An app of its own, so that its list holds only what the test sent. */
function anAppleCatalog(): Promise<StoreCatalog> {
  return aStoreCatalog(
    api.client,
    { store: 'apple', marketplace_app_id: APPLE_BUNDLE_ID, apple: { app_apple_id: APPLE_APP_APPLE_ID } },
    ['pro.monthly'],
  );
}

let purchases = 0;
function anOriginalTransactionId(): string {
  purchases += 1;
  return String(5_000_000_000_000_000 + purchases * 100);
}

interface Sent {
  id: string;
  body: { signedPayload: string };
}

/** Posts a notification signed on day `on`, with the server's clock on that day, as Apple would. */
async function post(catalog: StoreCatalog, on: number, options: AppleNotificationOptions): Promise<Sent> {
  const body = anAppleNotification(pki, { signedDate: day(on), ...options });
  api.server.setClock(new Date(day(on)));
  const response = await api.server.http.inject({
    method: 'POST',
    url: `/stores/apple/${catalog.appPlatformId}/notifications`,
    payload: body,
  });
  if (response.statusCode !== 200) {
    throw new Error(`expected 200, got ${response.statusCode}: ${response.body}`);
  }
  return { id: response.json().notification_id, body };
}

/** A notification about one purchase: its first purchase unless `options` say otherwise. */
function send(
  catalog: StoreCatalog,
  originalTransactionId: string,
  on: number,
  options: Partial<AppleNotificationOptions> = {},
): Promise<Sent> {
  return post(catalog, on, {
    notificationType: 'SUBSCRIBED',
    subtype: 'INITIAL_BUY',
    ...options,
    transaction: { originalTransactionId, transactionId: originalTransactionId, ...options.transaction },
    renewalInfo: { originalTransactionId, ...options.renewalInfo },
  });
}

const sendTest = (catalog: StoreCatalog, on: number) =>
  post(catalog, on, { notificationType: 'TEST', transaction: null, renewalInfo: null });

/** The purchase as it stands, without the time it was last checked with the store. */
async function purchaseRow(purchaseId: string) {
  const { last_verified_at: _checked, ...row } = await api.server.database.db
    .selectFrom('purchases')
    .selectAll()
    .where('id', '=', purchaseId)
    .executeTakeFirstOrThrow();
  return row;
}

describe('listing store notifications', () => {
  let catalog: StoreCatalog;
  let sent: Sent[];

  beforeAll(async () => {
    catalog = await anAppleCatalog();
    const originalTransactionId = anOriginalTransactionId();
    sent = [
      await send(catalog, originalTransactionId, 0),
      await sendTest(catalog, 1),
      await send(catalog, originalTransactionId, 3, {
        notificationType: 'DID_CHANGE_RENEWAL_STATUS',
        subtype: 'AUTO_RENEW_DISABLED',
        renewalInfo: { autoRenewStatus: 0 },
      }),
    ];
  });

  test('lists them newest first', async () => {
    const response = await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications`);

    expect(response.statusCode).toBe(200);
    expect(response.json().data.map((n: { id: string }) => n.id)).toEqual(sent.map((n) => n.id).reverse());
    expect(response.json().data.map((n: { notification_type: string }) => n.notification_type)).toEqual([
      'DID_CHANGE_RENEWAL_STATUS',
      'TEST',
      'SUBSCRIBED',
    ]);
    expect(response.json().next_cursor).toBeNull();
  });

  test('pages through them with limit and cursor, each once', async () => {
    const first = (await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications?limit=2`)).json();

    const second = (
      await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications?limit=2&cursor=${first.next_cursor}`)
    ).json();

    expect(first.data.map((n: { id: string }) => n.id)).toEqual([sent[2]?.id, sent[1]?.id]);
    expect(first.next_cursor).toEqual(expect.any(String));
    expect(second.data.map((n: { id: string }) => n.id)).toEqual([sent[0]?.id]);
    expect(second.next_cursor).toBeNull();
  });

  test.each([
    ['applied', [2, 0]],
    ['ignored', [1]],
    ['failed', []],
    ['received', []],
  ])('lists only those with status %s when asked', async (status, indexes) => {
    const response = await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications?status=${status}`);

    expect(response.statusCode).toBe(200);
    expect(response.json().data.map((n: { id: string }) => n.id)).toEqual(indexes.map((index) => sent[index]?.id));
    expect(response.json().data.every((n: { status: string }) => n.status === status)).toBe(true);
  });

  test("does not list another app's notifications", async () => {
    const other = await anAppleCatalog();

    const response = await api.client.get(`/api/v1/apps/${other.appId}/store-notifications`);

    expect(response.json()).toEqual({ data: [], next_cursor: null });
  });
});

describe('getting one store notification', () => {
  test('shows it with the body as received and what verification decoded', async () => {
    const catalog = await anAppleCatalog();
    const originalTransactionId = anOriginalTransactionId();
    const sent = await send(catalog, originalTransactionId, 0);

    const response = await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications/${sent.id}`);

    expect(response.statusCode).toBe(200);
    const notification = response.json();
    expect(notification).toMatchObject({
      id: sent.id,
      app_platform_id: catalog.appPlatformId,
      store: 'apple',
      notification_type: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      environment: 'Sandbox',
      signed_at: new Date(day(0)).toISOString(),
      status: 'applied',
      outcome: 'applied',
      attempts: 1,
      last_error: null,
      purchase_id: expect.any(String),
    });
    expect(JSON.parse(notification.body)).toEqual(sent.body);
    expect(notification.decoded).toMatchObject({
      notification: { notificationType: 'SUBSCRIBED', signedDate: day(0), data: { bundleId: APPLE_BUNDLE_ID } },
      transaction: { originalTransactionId, productId: 'pro.monthly', price: 9990 },
      renewalInfo: { originalTransactionId, autoRenewStatus: 1 },
    });
    expect(notification.store_notification_id).toBe(notification.decoded.notification.notificationUUID);
  });

  test('shows a list entry as the list shows it, without body or decoded payload', async () => {
    const catalog = await anAppleCatalog();
    const sent = await sendTest(catalog, 0);

    const listed = (await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications`)).json().data[0];
    const one = (await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications/${sent.id}`)).json();

    const { body: _body, decoded: _decoded, ...summary } = one;
    expect(listed).toEqual(summary);
    expect(listed).not.toHaveProperty('body');
  });
});

/** A purchase bought on day 0, then cancelled on day 3: its first notification is older than its state. */
async function aCancelledPurchase() {
  const catalog = await anAppleCatalog();
  const originalTransactionId = anOriginalTransactionId();
  const bought = await send(catalog, originalTransactionId, 0);
  await send(catalog, originalTransactionId, 3, {
    notificationType: 'DID_CHANGE_RENEWAL_STATUS',
    subtype: 'AUTO_RENEW_DISABLED',
    renewalInfo: { autoRenewStatus: 0 },
  });
  const purchaseId: string = (
    await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications/${bought.id}`)
  ).json().purchase_id;
  return { catalog, bought, purchaseId };
}

const replay = (catalog: StoreCatalog, notificationId: string) =>
  api.client.post(`/api/v1/apps/${catalog.appId}/store-notifications/${notificationId}/replay`);

describe('replaying a store notification', () => {
  test('answers unchanged for a notification already applied', async () => {
    const catalog = await anAppleCatalog();
    const sent = await send(catalog, anOriginalTransactionId(), 0);

    const response = await replay(catalog, sent.id);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'unchanged', notification_id: sent.id, events: [], reason: null });
  });

  test('emits no event and books no money when replaying a notification already applied', async () => {
    const catalog = await anAppleCatalog();
    const sent = await send(catalog, anOriginalTransactionId(), 0);
    const events = await countRows(api.server, 'events');
    const revenue = await countRows(api.server, 'transactions');

    const response = await replay(catalog, sent.id);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().events).toEqual([]);
    expect(await countRows(api.server, 'events')).toBe(events);
    expect(await countRows(api.server, 'transactions')).toBe(revenue);
  });

  test('answers stale once a newer notification changed the purchase', async () => {
    const { catalog, bought } = await aCancelledPurchase();

    const response = await replay(catalog, bought.id);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'stale', notification_id: bought.id, events: [], reason: null });
  });

  test('changes nothing when replaying a notification older than the purchase', async () => {
    const { catalog, bought, purchaseId } = await aCancelledPurchase();
    const before = await purchaseRow(purchaseId);
    const events = await countRows(api.server, 'events');
    const revenue = await countRows(api.server, 'transactions');

    const response = await replay(catalog, bought.id);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().events).toEqual([]);
    expect(before.auto_renew).toBe(false);
    expect(await purchaseRow(purchaseId)).toEqual(before);
    expect(await countRows(api.server, 'events')).toBe(events);
    expect(await countRows(api.server, 'transactions')).toBe(revenue);
  });
});

describe('store notifications with bad input', () => {
  let catalog: StoreCatalog;
  let sent: Sent;

  beforeAll(async () => {
    catalog = await anAppleCatalog();
    sent = await sendTest(catalog, 0);
  });

  type Method = 'GET' | 'POST';
  const routes: Array<[Method, string]> = [
    ['GET', '/store-notifications/:id'],
    ['POST', '/store-notifications/:id/replay'],
  ];
  const url = (path: string, appId: string, notificationId: string) =>
    `/api/v1/apps/${appId}${path.replace(':id', notificationId)}`;

  test.each(routes)(
    '%s %s rejects a malformed notification id with 400 naming notificationId',
    async (method, path) => {
      const response = await api.client.call({ method, url: url(path, catalog.appId, 'not-an-id') });

      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors).toContainEqual(
        expect.objectContaining({ location: 'params', field: 'notificationId' }),
      );
    },
  );

  test.each([...routes, ['GET', '/store-notifications']] as Array<[Method, string]>)(
    '%s %s rejects a malformed app id with 400 naming appId',
    async (method, path) => {
      const response = await api.client.call({ method, url: url(path, 'not-an-id', sent.id) });

      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'params', field: 'appId' }));
    },
  );

  test.each(routes)('%s %s answers 404 store_notification_not_found for an unknown id', async (method, path) => {
    const response = await api.client.call({ method, url: url(path, catalog.appId, UNKNOWN_ID) });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      status: 404,
      code: 'store_notification_not_found',
      detail: expect.stringContaining(UNKNOWN_ID),
    });
  });

  test.each(routes)(
    "%s %s answers 404 store_notification_not_found for another app's notification",
    async (method, path) => {
      const other = await anAppleCatalog();

      const response = await api.client.call({ method, url: url(path, other.appId, sent.id) });

      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('store_notification_not_found');
    },
  );

  test.each([...routes, ['GET', '/store-notifications']] as Array<[Method, string]>)(
    '%s %s answers 404 app_not_found for an unknown app',
    async (method, path) => {
      const response = await api.client.call({ method, url: url(path, UNKNOWN_ID, sent.id) });

      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('app_not_found');
    },
  );

  test.each([...routes, ['GET', '/store-notifications']] as Array<[Method, string]>)(
    "%s %s answers 404 app_not_found to another organization's key",
    async (method, path) => {
      const stranger = apiClient(api.server, (await anOrganization(api.server)).apiKey);

      const response = await stranger.call({ method, url: url(path, catalog.appId, sent.id) });

      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('app_not_found');
    },
  );

  test.each([
    ['a status it does not know', 'status=done', 'status'],
    ['a status in capitals', 'status=APPLIED', 'status'],
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit that is not a number', 'limit=ten', 'limit'],
    ['a cursor it did not give', 'cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['an unknown parameter', 'store=apple', 'store'],
  ])('rejects a list with %s (%s) with 400 naming %s', async (_case, query, field) => {
    const response = await api.client.get(`/api/v1/apps/${catalog.appId}/store-notifications?${query}`);

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'querystring', field }));
  });

  test('answers 401 without credentials', async () => {
    const response = await api.server.http.inject({
      method: 'GET',
      url: `/api/v1/apps/${catalog.appId}/store-notifications`,
    });

    expect(response.statusCode).toBe(401);
  });
});
