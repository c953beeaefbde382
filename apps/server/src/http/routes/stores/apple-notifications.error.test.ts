import { randomUUID } from 'node:crypto';
import {
  APPLE_APP_APPLE_ID,
  APPLE_BUNDLE_ID,
  type AppleNotificationOptions,
  type AppleTestPki,
  anAppleNotification,
  createAppleTestPki,
  FIXTURE_NOW_MS,
} from '@tollgate/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform } from '../../../testing/catalog-builders.js';
import { revenueOf, userOfStorePurchase } from '../../../testing/engine-readers.js';
import { aStoreCatalog, rootFile, type StoreCatalog } from '../../../testing/store-fixtures.js';
import { countRows, type FileServer, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const pki: AppleTestPki = await createAppleTestPki();
/** Same subject names as `pki`, other keys: what a forger would make. */
const rogue: AppleTestPki = await createAppleTestPki();
/** Trusted, but its certificates ended a year before the fixtures' signedDate. */
const expired: AppleTestPki = await createAppleTestPki({
  notBefore: new Date(Date.UTC(2020, 0, 1)),
  notAfter: new Date(Date.UTC(2024, 0, 1)),
});

const api = useTestServer({ stores: () => ({ appleExtraRootFiles: [rootFile(pki), rootFile(expired)] }) });
let catalog: StoreCatalog;
/** The same bundle id, on a platform of another app that has no Apple ID set. */
let withoutAppleId: StoreCatalog;

beforeAll(async () => {
  catalog = await aStoreCatalog(
    api.client,
    { store: 'apple', marketplace_app_id: APPLE_BUNDLE_ID, apple: { app_apple_id: APPLE_APP_APPLE_ID } },
    ['pro.monthly'],
  );
  withoutAppleId = await aStoreCatalog(api.client, { store: 'apple', marketplace_app_id: APPLE_BUNDLE_ID }, [
    'pro.monthly',
  ]);
  api.server.setClock(new Date(FIXTURE_NOW_MS));
});

const TABLES = ['store_notifications', 'purchases', 'users', 'events'] as const;

async function rowCounts(server: FileServer): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = await Promise.all(TABLES.map((table) => countRows(server.server, table)));
  return Object.fromEntries(TABLES.map((table, index) => [table, counts[index]])) as Record<
    (typeof TABLES)[number],
    number
  >;
}

function post(server: FileServer, appPlatformId: string, payload: object) {
  return server.server.http.inject({
    method: 'POST',
    url: `/stores/apple/${appPlatformId}/notifications`,
    payload,
  });
}

let purchases = 0;
/** A first purchase of its own: every notification names another original transaction. */
function aPurchaseNotification(signer: AppleTestPki, options: Partial<AppleNotificationOptions> = {}) {
  purchases += 1;
  const originalTransactionId = String(4_000_000_000_000_000 + purchases * 100);
  return {
    originalTransactionId,
    body: anAppleNotification(signer, {
      notificationType: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      ...options,
      transaction: { originalTransactionId, transactionId: originalTransactionId, ...options.transaction },
      renewalInfo: { originalTransactionId, ...options.renewalInfo },
    }),
  };
}

/** Changes one field of the signed payload and keeps the signature. */
function tampered(body: { signedPayload: string }): { signedPayload: string } {
  const [header, payload, signature] = body.signedPayload.split('.');
  const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  decoded.data.status = 5;
  return { signedPayload: [header, Buffer.from(JSON.stringify(decoded)).toString('base64url'), signature].join('.') };
}

type Platform = 'with Apple ID' | 'without Apple ID';

const refused: Array<[string, () => { signedPayload: string }, Platform, RegExp]> = [
  [
    'signed by an unrelated PKI with the same names',
    () => aPurchaseNotification(rogue).body,
    'with Apple ID',
    /signature or certificate chain is not valid/,
  ],
  [
    'with one field changed after signing',
    () => tampered(aPurchaseNotification(pki).body),
    'with Apple ID',
    /signature or certificate chain is not valid/,
  ],
  [
    'for another bundle id',
    () => aPurchaseNotification(pki, { bundleId: 'com.example.other' }).body,
    'with Apple ID',
    /bundle id or Apple ID is not this app platform's/,
  ],
  [
    'from Production to a platform without an Apple ID',
    () => aPurchaseNotification(pki, { environment: 'Production' }).body,
    'without Apple ID',
    /apple\.app_apple_id/,
  ],
  [
    'from Production for another Apple ID',
    () => aPurchaseNotification(pki, { environment: 'Production', appAppleId: 987_654_321 }).body,
    'with Apple ID',
    /bundle id or Apple ID is not this app platform's/,
  ],
  [
    'from Sandbox around a Production transaction',
    () => aPurchaseNotification(pki, { environment: 'Sandbox', transaction: { environment: 'Production' } }).body,
    'with Apple ID',
    /environment does not match/,
  ],
  [
    'from Production around a Sandbox transaction',
    () => aPurchaseNotification(pki, { environment: 'Production', transaction: { environment: 'Sandbox' } }).body,
    'with Apple ID',
    /environment does not match/,
  ],
  [
    'from Sandbox around Production renewal info',
    () => aPurchaseNotification(pki, { environment: 'Sandbox', renewalInfo: { environment: 'Production' } }).body,
    'with Apple ID',
    /environment does not match/,
  ],
  [
    'signed by a trusted chain that had expired at its signedDate',
    () => aPurchaseNotification(expired).body,
    'with Apple ID',
    /not valid at the signing date/,
  ],
  [
    'from the Xcode environment, which the library would not check',
    () => aPurchaseNotification(rogue, { environment: 'Xcode' }).body,
    'with Apple ID',
    /unsupported environment Xcode/,
  ],
  [
    'from the LocalTesting environment, which the library would not check',
    () => aPurchaseNotification(rogue, { environment: 'LocalTesting' }).body,
    'with Apple ID',
    /unsupported environment LocalTesting/,
  ],
  [
    'with a valid signature around a forged transaction',
    () => aPurchaseNotification(pki, { innerPki: rogue }).body,
    'with Apple ID',
    /signature or certificate chain is not valid/,
  ],
  [
    'whose signedPayload has three parts but is not a JWS',
    () => ({ signedPayload: 'not.a.jws' }),
    'with Apple ID',
    /signature or certificate chain is not valid/,
  ],
];

describe('App Store notifications that are not verified', () => {
  test.each(refused)(
    'refuses a notification %s with 401 notification_not_verified, keeping nothing',
    async (_case, body, platform, detail) => {
      const appPlatformId = platform === 'with Apple ID' ? catalog.appPlatformId : withoutAppleId.appPlatformId;
      const payload = body();
      const before = await rowCounts(api);

      const response = await post(api, appPlatformId, payload);

      expect(response.statusCode, response.body).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        status: 401,
        code: 'notification_not_verified',
        detail: expect.stringMatching(detail),
      });
      expect(await rowCounts(api)).toEqual(before);
    },
  );
});

describe('App Store notifications the environment peek cannot read', () => {
  test('refuses a signedPayload of one word with 401 notification_not_verified, keeping nothing', async () => {
    const before = await rowCounts(api);

    const response = await post(api, catalog.appPlatformId, { signedPayload: 'hello' });

    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('notification_not_verified');
    expect(await rowCounts(api)).toEqual(before);
  });

  test('says that a signedPayload of one word is not a JWS', async () => {
    const response = await post(api, catalog.appPlatformId, { signedPayload: 'hello' });

    expect(response.json().detail).toMatch(/JWS|shaped|signature/);
  });

  // It names no environment field: Apple's library reads Sandbox from the externalPurchaseId's prefix.
  test('keeps a verified EXTERNAL_PURCHASE_TOKEN notification, answering 200 ignored', async () => {
    const signedPayload = pki.sign({
      notificationType: 'EXTERNAL_PURCHASE_TOKEN',
      subtype: 'UNREPORTED',
      notificationUUID: randomUUID(),
      version: '2.0',
      signedDate: FIXTURE_NOW_MS,
      externalPurchaseToken: {
        externalPurchaseId: `SANDBOX_${randomUUID()}`,
        tokenCreationDate: FIXTURE_NOW_MS,
        appAppleId: APPLE_APP_APPLE_ID,
        bundleId: APPLE_BUNDLE_ID,
      },
    });

    const response = await post(api, catalog.appPlatformId, { signedPayload });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().outcome).toBe('ignored');
  });
});

describe('App Store notifications with bad input', () => {
  test.each([
    ['no signedPayload', {}],
    ['an empty signedPayload', { signedPayload: '' }],
    ['a signedPayload that is not a string', { signedPayload: 42 }],
  ])('rejects a body with %s with 400 naming signedPayload, keeping nothing', async (_case, payload) => {
    const before = await rowCounts(api);

    const response = await post(api, catalog.appPlatformId, payload);

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: 'body', field: 'signedPayload' }),
    );
    expect(await rowCounts(api)).toEqual(before);
  });

  test('answers 404 app_platform_not_found for an unknown platform id, keeping nothing', async () => {
    const before = await rowCounts(api);

    const response = await post(api, UNKNOWN_ID, aPurchaseNotification(pki).body);

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'app_platform_not_found',
      detail: expect.stringContaining(UNKNOWN_ID),
    });
    expect(await rowCounts(api)).toEqual(before);
  });

  test("answers 404 app_platform_not_found for a Google Play platform's id, keeping nothing", async () => {
    const app = await anApp(api.client);
    const google = await anAppPlatform(api.client, app.id, { store: 'google', marketplace_app_id: APPLE_BUNDLE_ID });
    const before = await rowCounts(api);

    const response = await post(api, google.id, aPurchaseNotification(pki).body);

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_platform_not_found');
    expect(await rowCounts(api)).toEqual(before);
  });

  test('rejects a malformed platform id with 400 naming appPlatformId', async () => {
    const response = await post(api, 'not-an-id', aPurchaseNotification(pki).body);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: 'params', field: 'appPlatformId' }),
    );
  });
});

describe('App Store notifications that are verified', () => {
  test('answers a TEST notification 200 ignored, and keeps it', async () => {
    const body = anAppleNotification(pki, { notificationType: 'TEST', transaction: null, renewalInfo: null });
    const before = await rowCounts(api);

    const response = await post(api, catalog.appPlatformId, body);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'ignored', events: [], reason: expect.any(String) });
    const kept = await api.client.get(
      `/api/v1/apps/${catalog.appId}/store-notifications/${response.json().notification_id}`,
    );
    expect(kept.json()).toMatchObject({ notification_type: 'TEST', status: 'ignored', store: 'apple' });
    expect(await rowCounts(api)).toEqual({ ...before, store_notifications: before.store_notifications + 1 });
  });

  test('applies a Production notification naming the platform Apple ID, booking its revenue as production', async () => {
    const { originalTransactionId, body } = aPurchaseNotification(pki, { environment: 'Production' });

    const response = await post(api, catalog.appPlatformId, body);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'applied',
      events: expect.arrayContaining(['user.subscription.purchased']),
    });
    const userId = await userOfStorePurchase(api.server, catalog.appId, originalTransactionId);
    expect((await revenueOf(api.server, userId)).map((row) => [row.revenue_type, row.environment])).toEqual([
      ['purchase', 'production'],
    ]);
  });
});

describe('a server trusting only Apple Root CA - G3', () => {
  const bare = useTestServer();
  let bareCatalog: StoreCatalog;

  beforeAll(async () => {
    bareCatalog = await aStoreCatalog(
      bare.client,
      { store: 'apple', marketplace_app_id: APPLE_BUNDLE_ID, apple: { app_apple_id: APPLE_APP_APPLE_ID } },
      ['pro.monthly'],
    );
  });

  test('refuses a notification the test chain signed, which the server trusting it applies', async () => {
    const { body } = aPurchaseNotification(pki);
    const before = await rowCounts(bare);

    const response = await post(bare, bareCatalog.appPlatformId, body);

    expect(response.statusCode, response.body).toBe(401);
    expect(response.json()).toMatchObject({
      code: 'notification_not_verified',
      detail: expect.stringMatching(/signature or certificate chain is not valid/),
    });
    expect(await rowCounts(bare)).toEqual(before);
    expect((await post(api, catalog.appPlatformId, body)).json().outcome).toBe('applied');
  });
});
