import {
  aDeveloperNotification,
  anOrder,
  aSubscriptionLineItem,
  aSubscriptionPurchaseV2,
  FIXTURE_NOW_MS,
  PLAY_FAKE_ACCESS_TOKEN,
  PLAY_PACKAGE_NAME,
  type PlayFake,
  pubSubPush,
  startPlayFake,
} from '@tollgate/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoreConfig } from '../../../config.js';
import { anAppPlatform } from '../../../testing/catalog-builders.js';
import { eventTypesOf, userOfStorePurchase } from '../../../testing/engine-readers.js';
import { aStoreCatalog, type StoreCatalog } from '../../../testing/store-fixtures.js';
import {
  type ApiClient,
  anOrganization,
  apiClient,
  countRows,
  startTestServer,
  type TestServer,
  UNKNOWN_ID,
  useTestServer,
} from '../../../testing/test-server.js';

const play: PlayFake = await startPlayFake();
afterAll(() => play.close());

/** Tollgate pointed at the fake: its certificates for push tokens, its Play Developer API. */
const playStores = (overrides: Partial<StoreConfig> = {}): Partial<StoreConfig> => ({
  googleOidcCertsUrl: `${play.url}/oauth2/v1/certs`,
  googlePlayApiUrl: play.url,
  googlePlayAccessToken: PLAY_FAKE_ACCESS_TOKEN,
  ...overrides,
});

const api = useTestServer({ stores: () => playStores() });

const SERVICE_ACCOUNT = 'rtdn@project.iam.gserviceaccount.com';

interface GoogleCatalog extends StoreCatalog {
  /** The push audience the API shows for the platform. */
  audience: string;
}

async function aGoogleCatalog(client: ApiClient, google: Record<string, unknown>): Promise<GoogleCatalog> {
  const catalog = await aStoreCatalog(
    client,
    { name: 'Android', store: 'google', marketplace_app_id: PLAY_PACKAGE_NAME, google },
    ['pro.monthly'],
  );
  const platform = await client.get(`/api/v1/apps/${catalog.appId}/platforms/${catalog.appPlatformId}`);
  return { ...catalog, audience: platform.json().google.push_audience };
}

let catalog: GoogleCatalog;
/** A Google platform whose push subscription's service account was never set. */
let unconfigured: GoogleCatalog;
let applePlatformId: string;

beforeAll(async () => {
  catalog = await aGoogleCatalog(api.client, { push_service_account: SERVICE_ACCOUNT });
  unconfigured = await aGoogleCatalog(api.client, {});
  applePlatformId = (await anAppPlatform(api.client, catalog.appId, { store: 'apple' })).id;
  api.server.setClock(new Date(FIXTURE_NOW_MS));
});

const TABLES = ['store_notifications', 'purchases', 'users', 'events'] as const;

async function rowCounts(server: TestServer) {
  const counts = await Promise.all(TABLES.map((table) => countRows(server, table)));
  return Object.fromEntries(TABLES.map((table, index) => [table, counts[index]]));
}

let tokens = 0;
/** A new purchase token, bought now at 9.99, that Play knows; and the push announcing it. */
function aPurchase(options: { packageName?: string; known?: boolean } = {}) {
  tokens += 1;
  const token = `error-${tokens}.AO-J1OxZkPz7`;
  const orderId = `GPA.3302-${String(tokens).padStart(4, '0')}-0000-00001`;
  if (options.known !== false) {
    play.subscriptions.set(
      token,
      aSubscriptionPurchaseV2({ lineItems: [aSubscriptionLineItem({ latestSuccessfulOrderId: orderId })] }),
    );
    play.orders.set(orderId, anOrder({ orderId }));
  }
  const notification = aDeveloperNotification({
    ...(options.packageName ? { packageName: options.packageName } : {}),
    subscriptionNotification: { notificationType: 4, purchaseToken: token },
  });
  return { token, orderId, body: pubSubPush(notification) };
}

function post(server: TestServer, appPlatformId: string, payload: object, authorization: string | undefined) {
  return server.http.inject({
    method: 'POST',
    url: `/stores/google/${appPlatformId}/notifications`,
    payload,
    ...(authorization === undefined ? {} : { headers: { authorization } }),
  });
}

/** Signed as the subscription's service account, for the platform's audience. */
const signedFor = (target: GoogleCatalog) =>
  play.pushAuthorization({ audience: target.audience, email: SERVICE_ACCOUNT });

/** The kept notification, read through the API, found by its Pub/Sub messageId. */
async function keptPush(client: ApiClient, appId: string, messageId: string) {
  const list = await client.get(`/api/v1/apps/${appId}/store-notifications?limit=100`);
  const found = list
    .json()
    .data.find((row: { store_notification_id: string }) => row.store_notification_id === messageId);
  return found && (await client.get(`/api/v1/apps/${appId}/store-notifications/${found.id}`)).json();
}

const HOUR_MS = 3_600_000;

describe('Play notifications that are not verified', () => {
  test.each<[string, () => string | undefined, RegExp]>([
    [
      'for another audience',
      () => play.pushAuthorization({ audience: 'https://tollgate.example.com/other', email: SERVICE_ACCOUNT }),
      /Wrong recipient/,
    ],
    [
      'signed by a key Google never published',
      () => play.pushAuthorization({ audience: catalog.audience, email: SERVICE_ACCOUNT, signedByStranger: true }),
      /Invalid token signature/,
    ],
    [
      'that expired an hour ago',
      () =>
        play.pushAuthorization({
          audience: catalog.audience,
          email: SERVICE_ACCOUNT,
          issuedAt: new Date(Date.now() - 2 * HOUR_MS),
          expiresInSeconds: 3600,
        }),
      /Token used too late/,
    ],
    [
      'for another service account',
      () => play.pushAuthorization({ audience: catalog.audience, email: 'intruder@elsewhere.iam.gserviceaccount.com' }),
      /intruder@elsewhere\.iam\.gserviceaccount\.com, not the configured service account/,
    ],
    [
      'issued by someone other than Google',
      () =>
        play.pushAuthorization({
          audience: catalog.audience,
          email: SERVICE_ACCOUNT,
          issuer: 'https://accounts.example.com',
        }),
      /Invalid issuer/,
    ],
    ['without an Authorization header', () => undefined, /no bearer token/],
    ['with a Basic Authorization header', () => 'Basic cnRkbjpzZWNyZXQ=', /no bearer token/],
  ])(
    'refuses a push %s with 401 notification_not_verified, keeping nothing and asking Play nothing',
    async (_case, authorization, detail) => {
      const { body } = aPurchase();
      const before = await rowCounts(api.server);
      const asked = play.requests.length;

      const response = await post(api.server, catalog.appPlatformId, body, authorization());

      expect(response.statusCode, response.body).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        status: 401,
        code: 'notification_not_verified',
        detail: expect.stringMatching(detail),
      });
      expect(await rowCounts(api.server)).toEqual(before);
      expect(play.requests.length).toBe(asked);
    },
  );

  test('refuses a push to a platform without push_service_account with 401 push_not_configured, keeping nothing', async () => {
    const { body } = aPurchase();
    const before = await rowCounts(api.server);

    const response = await post(api.server, unconfigured.appPlatformId, body, signedFor(unconfigured));

    expect(response.statusCode, response.body).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'push_not_configured',
      detail: expect.stringContaining('google.push_service_account'),
    });
    expect(await rowCounts(api.server)).toEqual(before);
  });

  test("answers 503 verification_unavailable when Google's certificates cannot be fetched, keeping nothing", async () => {
    const server = await startTestServer({
      stores: playStores({ googleOidcCertsUrl: 'http://127.0.0.1:9/oauth2/v1/certs' }),
    });
    try {
      const client = apiClient(server, (await anOrganization(server)).apiKey);
      const elsewhere = await aGoogleCatalog(client, { push_service_account: SERVICE_ACCOUNT });
      const { body } = aPurchase();
      const before = await rowCounts(server);

      const response = await post(server, elsewhere.appPlatformId, body, signedFor(elsewhere));

      expect(response.statusCode, response.body).toBe(503);
      expect(response.json().code).toBe('verification_unavailable');
      expect(await rowCounts(server)).toEqual(before);
    } finally {
      await server.close();
    }
  });

  test('refuses a token for the default audience once the platform names its own', async () => {
    const custom = await aGoogleCatalog(api.client, {
      push_service_account: SERVICE_ACCOUNT,
      push_audience: 'https://tollgate.example.com/google-push',
    });
    const { body } = aPurchase();

    const forDefault = await post(
      api.server,
      custom.appPlatformId,
      body,
      play.pushAuthorization({
        audience: `http://localhost:8080/stores/google/${custom.appPlatformId}/notifications`,
        email: SERVICE_ACCOUNT,
      }),
    );
    const forCustom = await post(api.server, custom.appPlatformId, body, signedFor(custom));

    expect(custom.audience).toBe('https://tollgate.example.com/google-push');
    expect(forDefault.statusCode, forDefault.body).toBe(401);
    expect(forCustom.statusCode, forCustom.body).toBe(200);
  });
});

describe('Play notifications to the wrong place or with bad input', () => {
  test('answers 404 app_platform_not_found for an unknown platform id, keeping nothing', async () => {
    const { body } = aPurchase();
    const before = await rowCounts(api.server);

    const response = await post(api.server, UNKNOWN_ID, body, signedFor(catalog));

    expect(response.statusCode, response.body).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'app_platform_not_found',
      detail: expect.stringContaining(UNKNOWN_ID),
    });
    expect(await rowCounts(api.server)).toEqual(before);
  });

  test("answers 404 app_platform_not_found for an App Store platform's id, keeping nothing", async () => {
    const { body } = aPurchase();
    const before = await rowCounts(api.server);

    const response = await post(api.server, applePlatformId, body, signedFor(catalog));

    expect(response.statusCode, response.body).toBe(404);
    expect(response.json().code).toBe('app_platform_not_found');
    expect(await rowCounts(api.server)).toEqual(before);
  });

  const data = pubSubPush(aDeveloperNotification({})).message.data;
  test.each<[string, string, object]>([
    ['no message', 'message', { subscription: 'projects/p/subscriptions/s' }],
    ['a message without messageId', 'message.messageId', { message: { data } }],
    ['a message without data', 'message.data', { message: { messageId: '136969346945' } }],
    ['an empty messageId', 'message.messageId', { message: { data, messageId: '' } }],
    [
      'the notification itself (an unwrapped push)',
      'message',
      aDeveloperNotification({ subscriptionNotification: { notificationType: 4, purchaseToken: 'unwrapped' } }),
    ],
  ])('rejects a body with %s with 400 naming %s, keeping nothing', async (_case, field, payload) => {
    const before = await rowCounts(api.server);

    const response = await post(api.server, catalog.appPlatformId, payload, signedFor(catalog));

    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await rowCounts(api.server)).toEqual(before);
  });

  test('keeps a notification for another package name, answering 200 ignored without asking Play', async () => {
    const { body } = aPurchase({ packageName: 'com.example.other' });
    const purchases = await countRows(api.server, 'purchases');
    const asked = play.requests.length;

    const response = await post(api.server, catalog.appPlatformId, body, signedFor(catalog));

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'ignored',
      events: [],
      reason: expect.stringContaining('com.example.other'),
    });
    expect(play.requests.length).toBe(asked);
    expect(await keptPush(api.client, catalog.appId, body.message.messageId)).toMatchObject({
      store: 'google',
      status: 'ignored',
      notification_type: 'invalid',
      outcome: expect.stringContaining('com.example.other'),
    });
    expect(await countRows(api.server, 'purchases')).toBe(purchases);
  });

  test('keeps a push whose data is not a developer notification, answering 200 ignored', async () => {
    const body = pubSubPush({ hello: 'world' });
    body.message.data = Buffer.from('not json at all').toString('base64');

    const response = await post(api.server, catalog.appPlatformId, body, signedFor(catalog));

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'ignored',
      reason: expect.stringMatching(/not a developer notification/),
    });
    expect(await keptPush(api.client, catalog.appId, body.message.messageId)).toMatchObject({
      status: 'ignored',
      // Kept as the text it was.
      decoded: { messageId: body.message.messageId, notification: body.message.data },
    });
  });
});

describe('when the Play Developer API does not answer', () => {
  test('answers 503 store_api_unavailable when Play answers 503, keeping the notification to retry', async () => {
    const { body } = aPurchase();
    const purchases = await countRows(api.server, 'purchases');
    play.failNext(1, 503);

    const response = await post(api.server, catalog.appPlatformId, body, signedFor(catalog));

    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'store_api_unavailable', detail: expect.stringContaining('503') });
    const kept = await keptPush(api.client, catalog.appId, body.message.messageId);
    expect(kept).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('503') });
    expect(Date.parse(kept.next_attempt_at)).toBeGreaterThan(Date.parse(kept.received_at));
    expect(await countRows(api.server, 'purchases')).toBe(purchases);
  });

  test('applies the notification when Pub/Sub delivers the same push again after a 503', async () => {
    const { token, body } = aPurchase();
    play.failNext(1, 503);
    const failed = await post(api.server, catalog.appPlatformId, body, signedFor(catalog));
    const notifications = await countRows(api.server, 'store_notifications');

    const response = await post(api.server, catalog.appPlatformId, body, signedFor(catalog));

    expect(failed.statusCode).toBe(503);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'applied',
      events: ['user.subscription.purchased', 'purchase.updated'],
    });
    expect(await keptPush(api.client, catalog.appId, body.message.messageId)).toMatchObject({
      status: 'applied',
      attempts: 2,
      last_error: null,
    });
    expect(await countRows(api.server, 'store_notifications')).toBe(notifications);
    const userId = await userOfStorePurchase(api.server, catalog.appId, token);
    expect(await eventTypesOf(api.server, userId)).toEqual(['user.subscription.purchased', 'purchase.updated']);
  });

  test('keeps a notification for a token Play no longer knows (410), answering 200 ignored', async () => {
    const { body } = aPurchase({ known: false });

    const response = await post(api.server, catalog.appPlatformId, body, signedFor(catalog));

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'ignored',
      events: [],
      reason: expect.stringContaining('no longer knows'),
    });
    expect(await keptPush(api.client, catalog.appId, body.message.messageId)).toMatchObject({ status: 'ignored' });
  });

  test('answers 503 and keeps the notification failed when Play refuses the access token (401)', async () => {
    const server = await startTestServer({ stores: playStores({ googlePlayAccessToken: 'ya29.revoked-token' }) });
    try {
      const client = apiClient(server, (await anOrganization(server)).apiKey);
      const elsewhere = await aGoogleCatalog(client, { push_service_account: SERVICE_ACCOUNT });
      const { body } = aPurchase();

      const response = await post(server, elsewhere.appPlatformId, body, signedFor(elsewhere));

      expect(response.statusCode, response.body).toBe(503);
      expect(response.json()).toMatchObject({
        code: 'store_api_unavailable',
        detail: expect.stringContaining('Play refused the credentials'),
      });
      expect(await keptPush(client, elsewhere.appId, body.message.messageId)).toMatchObject({
        status: 'failed',
        last_error: expect.stringContaining('Play refused the credentials'),
        next_attempt_at: expect.any(String),
      });
      expect(play.requests.at(-1)?.authorization).toBe('Bearer ya29.revoked-token');
    } finally {
      await server.close();
    }
  });

  test('answers 503 when Play does not answer within googlePlayTimeoutMs', async () => {
    const server = await startTestServer({ stores: playStores({ googlePlayTimeoutMs: 300 }) });
    try {
      const client = apiClient(server, (await anOrganization(server)).apiKey);
      const elsewhere = await aGoogleCatalog(client, { push_service_account: SERVICE_ACCOUNT });
      const { body } = aPurchase();
      play.failNext(1, 200, { hang: true });
      const started = Date.now();

      const response = await post(server, elsewhere.appPlatformId, body, signedFor(elsewhere));

      expect(response.statusCode, response.body).toBe(503);
      expect(response.json().code).toBe('store_api_unavailable');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await keptPush(client, elsewhere.appId, body.message.messageId)).toMatchObject({ status: 'failed' });
    } finally {
      await server.close();
    }
  });
});

describe('replaying a Play notification', () => {
  const replay = (appId: string, notificationId: string) =>
    api.client.post(`/api/v1/apps/${appId}/store-notifications/${notificationId}/replay`);

  test('asks Play again and applies a notification that failed', async () => {
    const { body } = aPurchase();
    play.failNext(1, 503);
    await post(api.server, catalog.appPlatformId, body, signedFor(catalog));
    const kept = await keptPush(api.client, catalog.appId, body.message.messageId);
    const asked = play.requests.length;

    const response = await replay(catalog.appId, kept.id);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      outcome: 'applied',
      notification_id: kept.id,
      events: ['user.subscription.purchased', 'purchase.updated'],
      reason: null,
    });
    expect(play.requests.length - asked).toBe(2);
    expect(await keptPush(api.client, catalog.appId, body.message.messageId)).toMatchObject({ status: 'applied' });
  });

  test('answers 503 store_api_unavailable when Play still does not answer, keeping it failed', async () => {
    const { body } = aPurchase();
    play.failNext(1, 503);
    await post(api.server, catalog.appPlatformId, body, signedFor(catalog));
    const kept = await keptPush(api.client, catalog.appId, body.message.messageId);
    play.failNext(1, 503);

    const response = await replay(catalog.appId, kept.id);

    expect(response.statusCode, response.body).toBe(503);
    expect(response.json().code).toBe('store_api_unavailable');
    expect(await keptPush(api.client, catalog.appId, body.message.messageId)).toMatchObject({
      status: 'failed',
      attempts: 2,
    });
  });

  test('asks Play again and applies what changed since the notification was applied', async () => {
    const { token, orderId, body } = aPurchase();
    await post(api.server, catalog.appPlatformId, body, signedFor(catalog));
    const kept = await keptPush(api.client, catalog.appId, body.message.messageId);
    play.subscriptions.set(
      token,
      aSubscriptionPurchaseV2({
        subscriptionState: 'SUBSCRIPTION_STATE_CANCELED',
        canceledStateContext: { userInitiatedCancellation: { cancelTime: new Date(FIXTURE_NOW_MS).toISOString() } },
        lineItems: [
          aSubscriptionLineItem({ autoRenewingPlan: { autoRenewEnabled: false }, latestSuccessfulOrderId: orderId }),
        ],
      }),
    );

    const asked = play.requests.length;

    const response = await replay(catalog.appId, kept.id);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      outcome: 'applied',
      notification_id: kept.id,
      events: ['user.subscription.cancelled', 'purchase.updated'],
      reason: null,
    });
    expect(play.requests.slice(asked).map((request) => request.url)).toEqual([
      `/androidpublisher/v3/applications/${PLAY_PACKAGE_NAME}/purchases/subscriptionsv2/tokens/${token}`,
      `/androidpublisher/v3/applications/${PLAY_PACKAGE_NAME}/orders/${orderId}`,
    ]);
  });

  test('answers unchanged, emitting nothing, when Play says nothing new', async () => {
    const { body } = aPurchase();
    await post(api.server, catalog.appPlatformId, body, signedFor(catalog));
    const kept = await keptPush(api.client, catalog.appId, body.message.messageId);
    const events = await countRows(api.server, 'events');
    const revenue = await countRows(api.server, 'transactions');

    const response = await replay(catalog.appId, kept.id);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'unchanged', notification_id: kept.id, events: [], reason: null });
    expect(await countRows(api.server, 'events')).toBe(events);
    expect(await countRows(api.server, 'transactions')).toBe(revenue);
  });
});
