import { aPng } from '@tollgate/testkit';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, anEntitlement, aProduct } from '../../testing/catalog-builders.js';
import {
  type ApiClient,
  anOrganization,
  apiClient,
  startTestServer,
  type TestOrganization,
  type TestServer,
} from '../../testing/test-server.js';

/**
 * Every authenticated operation, found in the OpenAPI document rather than listed here:
 * a route added later is in these tables the moment it is registered.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface Operation {
  /** `POST /api/v1/apps/{appId}/platforms`: how a failure names it. */
  name: string;
  operationId: string;
  method: Uppercase<(typeof HTTP_METHODS)[number]>;
  template: string;
  hasBody: boolean;
  hasForceQuery: boolean;
}

type Ids = Record<string, string>;

/** Path parameters that are not ids of anyone's: the same for every caller. */
const FIXED_PARAMS: Ids = { version: '1', placement: 'onboarding' };

let server: TestServer;
let operations: Operation[];
let orgA: TestOrganization;
let clientA: ApiClient;
let clientB: ApiClient;
/** Organization A's catalog, one of each resource: the values for the path templates. */
let idsOfA: Ids;
/** Organization B's own app, app platform and product: legitimate ids for B to mix with A's. */
let idsOfB: { appId: string; appPlatformId: string; productId: string };
let appNameOfA: string;
let skuOfA: string;

const credentials = {
  revokedApiKey: '',
  expiredSession: '',
  signedOutSession: '',
  liveSession: '',
};
/** Each credential above, called before it stopped working: proof that its 401 is not an accident. */
const controls: Record<string, number> = {};

beforeAll(async () => {
  server = await startTestServer();
  operations = authenticatedOperations(server.http.swagger() as OpenAPIV3_1.Document);
  orgA = await anOrganization(server);
  clientA = apiClient(server, orgA.apiKey);
  clientB = apiClient(server, (await anOrganization(server)).apiKey);

  const app = await anApp(clientA);
  const platform = await anAppPlatform(clientA, app.id);
  const entitlement = await anEntitlement(clientA, app.id);
  const product = await aProduct(clientA, app.id, platform.id, { entitlement_ids: [entitlement.id] });
  const apiKey = (await clientA.post('/api/v1/api-keys', { name: 'CI' })).json();
  skuOfA = String(product.sku_ref_id);
  const purchase = (
    await clientA.post(`/api/v1/apps/${app.id}/test-store/purchases`, {
      app_platform_id: platform.id,
      sku_ref_id: skuOfA,
    })
  ).json();
  idsOfA = {
    appId: app.id,
    appPlatformId: platform.id,
    entitlementId: entitlement.id,
    productId: product.id,
    apiKeyId: apiKey.id,
    purchaseId: purchase.purchase_id,
    notificationId: await aStoredNotification(app.id, platform.id),
    userId: purchase.user_id,
    eventId: purchase.events[0].id,
    integrationId: (
      await clientA.post(`/api/v1/apps/${app.id}/integrations`, {
        kind: 'mparticle',
        name: 'iOS feed',
        app_platform_id: platform.id,
        key: 'feed-key-of-a',
        secret: 'feed-secret-of-a',
      })
    ).json().id,
  };
  const paywall = (
    await clientA.post(`/api/v1/apps/${app.id}/paywalls`, {
      name: 'Premium',
      content: {
        template: 'minimal',
        default_locale: 'en',
        copy: { en: { title: 'Go', call_to_action: 'Buy' } },
        dismissible: true,
      },
    })
  ).json();
  await clientA.post(`/api/v1/apps/${app.id}/paywalls/${paywall.id}/publish`);
  const deviceId = uuidv7();
  await server.http.inject({
    method: 'PUT',
    url: `/sdk/v1/devices/${deviceId}`,
    headers: { authorization: `Bearer ${String(platform.sdk_key)}` },
    payload: { os: 'ios' },
  });
  idsOfA.paywallId = paywall.id;
  idsOfA.deviceId = deviceId;
  idsOfA.campaignId = (
    await clientA.post(`/api/v1/apps/${app.id}/campaigns`, {
      name: 'Onboarding',
      placement: 'onboarding',
      variants: [{ key: 'A', paywall_id: paywall.id, weight: 100 }],
    })
  ).json().id;
  appNameOfA = String(app.name);
  const appOfB = await anApp(clientB, { name: 'Only in B' });
  const platformOfB = await anAppPlatform(clientB, appOfB.id);
  const productOfB = await aProduct(clientB, appOfB.id, platformOfB.id);
  idsOfB = { appId: appOfB.id, appPlatformId: platformOfB.id, productId: productOfB.id };

  const doomed = (await clientA.post('/api/v1/api-keys', { name: 'Doomed' })).json();
  controls.revokedApiKeyBeforeRevocation = (await me({ authorization: `Bearer ${doomed.token}` })).statusCode;
  await clientA.post(`/api/v1/api-keys/${doomed.id}/revoke`);
  credentials.revokedApiKey = doomed.token;

  credentials.signedOutSession = await signIn(orgA);
  controls.signedOutSessionBeforeSignOut = (await me(sessionCookie(credentials.signedOutSession))).statusCode;
  await server.http.inject({
    method: 'DELETE',
    url: '/api/v1/session',
    headers: sessionCookie(credentials.signedOutSession),
  });

  credentials.expiredSession = await signIn(orgA);
  controls.expiredSessionBeforeExpiry = (await me(sessionCookie(credentials.expiredSession))).statusCode;
  server.advanceClock(8 * DAY_MS);

  credentials.liveSession = await signIn(orgA);
  controls.liveSession = (await me(sessionCookie(credentials.liveSession))).statusCode;
});

afterAll(async () => {
  await server.close();
});

describe('authentication on every operator operation', () => {
  test('the OpenAPI document lists at least the 23 authenticated operations known today', () => {
    expect(operations.length).toBeGreaterThanOrEqual(23);
    expect(operations.map((operation) => operation.name)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/me',
        'POST /api/v1/api-keys',
        'POST /api/v1/api-keys/{apiKeyId}/revoke',
        'GET /api/v1/apps/{appId}',
        'DELETE /api/v1/apps/{appId}/products/{productId}',
      ]),
    );
  });

  test('every credential in the table worked before it was revoked, expired or signed out', () => {
    expect(controls).toEqual({
      revokedApiKeyBeforeRevocation: 200,
      signedOutSessionBeforeSignOut: 200,
      expiredSessionBeforeExpiry: 200,
      liveSession: 200,
    });
  });

  test.each<[string, () => Record<string, string>]>([
    ['no credentials', () => ({})],
    ['an API key that does not exist', () => ({ authorization: 'Bearer tgk_not-a-real-key' })],
    ['a Basic Authorization header', () => ({ authorization: 'Basic abc' })],
    ['a Bearer Authorization header without a key', () => ({ authorization: 'Bearer ' })],
    ['a revoked API key', () => ({ authorization: `Bearer ${credentials.revokedApiKey}` })],
    ['an expired session cookie', () => sessionCookie(credentials.expiredSession)],
    ['a signed-out session cookie', () => sessionCookie(credentials.signedOutSession)],
    ['a session token sent as an API key', () => ({ authorization: `Bearer ${credentials.liveSession}` })],
    ['an API key sent as the session cookie', () => sessionCookie(orgA.apiKey)],
    [
      'a bad API key next to a valid session cookie',
      () => ({ authorization: 'Bearer tgk_not-a-real-key', ...sessionCookie(credentials.liveSession) }),
    ],
  ])('with %s, every operation answers 401 unauthenticated and changes nothing', async (_case, headers) => {
    const before = await stateOfA();

    const outcomes = [];
    for (const operation of operations) {
      const response = await server.http.inject({
        method: operation.method,
        url: urlOf(operation) + queryOf(operation),
        headers: headers(),
      });
      outcomes.push({
        operation: operation.name,
        status: response.statusCode,
        contentType: response.headers['content-type'],
        code: jsonOf(response)?.code,
        wwwAuthenticate: response.headers['www-authenticate'],
      });
    }

    expect(outcomes).toEqual(
      operations.map((operation) => ({
        operation: operation.name,
        status: 401,
        contentType: expect.stringMatching(/^application\/problem\+json/),
        code: 'unauthenticated',
        wwwAuthenticate: 'Bearer realm="tollgate"',
      })),
    );
    expect(await stateOfA()).toEqual(before);
  });
  test('HEAD, which Fastify answers for every GET operation, needs credentials too', async () => {
    const reads = operations.filter((operation) => operation.method === 'GET');

    const statuses = [];
    for (const operation of reads) {
      const response = await server.http.inject({ method: 'HEAD', url: urlOf(operation) });
      statuses.push({ operation: operation.name, status: response.statusCode, body: response.body });
    }

    expect(statuses).toEqual(reads.map((operation) => ({ operation: operation.name, status: 401, body: '' })));
  });
});

/** Bodies a real client could send: a 404 for one of them cannot come from validation. */
const validBodies: Record<string, () => object> = {
  updateApp: () => ({ name: 'Taken over' }),
  createAppPlatform: () => ({ name: 'Intruder', store: 'apple', marketplace_app_id: 'com.intruder.app' }),
  updateAppPlatform: () => ({ name: 'Taken over', environment: 'staging' }),
  createEntitlement: () => ({ entitlement_ref_id: 'intruder', name: 'Intruder' }),
  updateEntitlement: () => ({ name: 'Taken over', description: 'Mine now' }),
  createProduct: () => ({
    app_platform_id: idsOfA.appPlatformId,
    sku_ref_id: 'com.intruder.sku',
    name: 'Intruder',
    type: 'subscription',
    entitlement_ids: [idsOfA.entitlementId],
  }),
  updateProduct: () => ({ name: 'Taken over', entitlement_ids: [] }),
  createTestPurchase: () => ({ app_platform_id: idsOfA.appPlatformId, sku_ref_id: skuOfA }),
  stepTestPurchase: () => ({ action: 'cancel' }),
  createIntegration: () => ({ kind: 'webhook', name: 'Intruder', url: 'https://intruder.example.com/hooks' }),
  updateIntegration: () => ({ name: 'Taken over', enabled: false }),
  replayDeliveries: () => ({ statuses: ['dead', 'delivered'] }),
  createPaywall: () => ({
    name: 'Intruder',
    content: {
      template: 'hero',
      default_locale: 'en',
      copy: { en: { title: 'Mine', call_to_action: 'Buy' } },
      dismissible: true,
    },
  }),
  updatePaywall: () => ({ name: 'Taken over' }),
  createCampaign: () => ({
    name: 'Intruder',
    placement: 'onboarding',
    variants: [{ key: 'A', paywall_id: idsOfA.paywallId, weight: 100 }],
  }),
  updateCampaign: () => ({ paused: true }),
  reorderPlacement: () => ({ campaign_ids: [idsOfA.campaignId] }),
};

/** Bodies that are not JSON: the content type they go with, and the bytes. */
const rawBodies: Record<string, () => { contentType: string; payload: Buffer }> = {
  uploadPaywallImage: () => ({ contentType: 'image/png', payload: aPng(8, 8) }),
};

/** Query strings an operation cannot do without. */
const requiredQueries: Record<string, () => string> = {
  explainPlacement: () => `device_id=${idsOfA.deviceId}`,
};

describe("another organization's API key", () => {
  const isRead = (operation: Operation) => operation.method === 'GET';
  const isWrite = (operation: Operation) => operation.method !== 'GET';
  const byIdOfA = (operation: Operation) => pathParams(operation).length > 0;
  const childOfA = (operation: Operation) =>
    pathParams(operation).includes('appId') &&
    pathParams(operation).some((param) => param !== 'appId' && !(param in FIXED_PARAMS));

  test('the tenant table covers every operation that takes an id: at least the 19 known today', () => {
    expect(operations.filter(byIdOfA).length).toBeGreaterThanOrEqual(19);
    expect(operations.filter(childOfA).length).toBeGreaterThanOrEqual(9);
  });

  test.each([
    ["reads of A's resources", (op: Operation) => isRead(op) && byIdOfA(op), () => idsOfA],
    ["writes to A's resources", (op: Operation) => isWrite(op) && byIdOfA(op), () => idsOfA],
    [
      "reads of A's resources through B's own app",
      (op: Operation) => isRead(op) && childOfA(op),
      () => ({ ...idsOfA, appId: idsOfB.appId }),
    ],
    [
      "writes to A's resources through B's own app",
      (op: Operation) => isWrite(op) && childOfA(op),
      () => ({ ...idsOfA, appId: idsOfB.appId }),
    ],
  ])('%s answer 404 exactly as for a missing resource, and change none of A', async (_case, selects, idsOf) => {
    const ids: Ids = idsOf();
    const targeted = operations.filter(selects);

    const outcomes = [];
    const expected = [];
    for (const operation of targeted) {
      // The same call for a resource that does not exist: B's own ids stay, A's become unknown ones.
      const missingIds: Ids = {};
      for (const param of pathParams(operation).filter((name) => !(name in FIXED_PARAMS))) {
        const id = ids[param];
        missingIds[param] = id !== undefined && Object.values(idsOfB).includes(id) ? id : uuidv7();
      }
      const before = await stateOfA();
      const foreign = await callAs(clientB, operation, ids);
      const after = await stateOfA();
      const missing = await callAs(clientB, operation, missingIds);
      outcomes.push({ operation: operation.name, status: foreign.statusCode, body: comparable(foreign, ids), after });
      expected.push({ operation: operation.name, status: 404, body: comparable(missing, missingIds), after: before });
    }

    expect(targeted.length).toBeGreaterThan(0);
    expect(outcomes).toEqual(expected);
  });

  test.each([
    [
      "a product on B's app sold on A's app platform",
      () => ({
        method: 'POST' as const,
        url: `/api/v1/apps/${idsOfB.appId}/products`,
        payload: { app_platform_id: idsOfA.appPlatformId, sku_ref_id: 'com.b.x', name: 'X', type: 'consumable' },
      }),
      'unknown_app_platform',
    ],
    [
      "a product on B's app granting A's entitlement",
      () => ({
        method: 'POST' as const,
        url: `/api/v1/apps/${idsOfB.appId}/products`,
        payload: {
          app_platform_id: idsOfB.appPlatformId,
          sku_ref_id: 'com.b.y',
          name: 'Y',
          type: 'consumable',
          entitlement_ids: [idsOfA.entitlementId],
        },
      }),
      'unknown_entitlement',
    ],
    [
      "B's product changed to grant A's entitlement",
      () => ({
        method: 'PATCH' as const,
        url: `/api/v1/apps/${idsOfB.appId}/products/${idsOfB.productId}`,
        payload: { entitlement_ids: [idsOfA.entitlementId] },
      }),
      'unknown_entitlement',
    ],
  ])("refuses %s with 422, as if A's resource did not exist", async (_case, request, code) => {
    const before = await stateOfA();
    const productOfB = (await clientB.get(`/api/v1/apps/${idsOfB.appId}/products/${idsOfB.productId}`)).json();

    const response = await clientB.call(request());

    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe(code);
    expect(await stateOfA()).toEqual(before);
    expect((await clientB.get(`/api/v1/apps/${idsOfB.appId}/products/${idsOfB.productId}`)).json()).toEqual(productOfB);
  });

  test("B cannot list A's product SKUs by filtering its own app on A's app platform", async () => {
    const response = await clientB.get(`/api/v1/apps/${idsOfB.appId}/products?app_platform_id=${idsOfA.appPlatformId}`);

    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual([]);
  });

  test.each(['apps', 'api-keys'])("B's GET /api/v1/%s lists B's own items and none of A's", async (collection) => {
    const own = await clientB.get(`/api/v1/${collection}?limit=100`);

    expect(own.statusCode).toBe(200);
    expect(own.json().data.length).toBeGreaterThan(0);
    for (const id of Object.values(idsOfA)) {
      expect(own.body).not.toContain(id);
    }
    expect(own.body).not.toContain(appNameOfA);
    const ofA = await clientA.get(`/api/v1/${collection}?limit=100`);
    const idsListedForA = ofA.json().data.map((item: { id: string }) => item.id);
    const idsListedForB = own.json().data.map((item: { id: string }) => item.id);
    expect(idsListedForB.filter((id: string) => idsListedForA.includes(id))).toEqual([]);
  });
});

// --- the OpenAPI document -------------------------------------------------------------------

function authenticatedOperations(document: OpenAPIV3_1.Document): Operation[] {
  const found: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    if (!template.startsWith('/api/v1/') || item === undefined) {
      continue;
    }
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined || (operation.security !== undefined && operation.security.length === 0)) {
        continue;
      }
      const upper = method.toUpperCase() as Operation['method'];
      found.push({
        name: `${upper} ${template}`,
        operationId: operation.operationId ?? `${upper} ${template}`,
        method: upper,
        template,
        hasBody: operation.requestBody !== undefined,
        hasForceQuery: (operation.parameters ?? []).some(
          (parameter) => 'name' in parameter && parameter.in === 'query' && parameter.name === 'force',
        ),
      });
    }
  }
  return found;
}

function pathParams(operation: Operation): string[] {
  return [...operation.template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

function urlOf(operation: Operation, ids: Ids = idsOfA): string {
  return operation.template.replace(/\{(\w+)\}/g, (_match, param: string) => {
    const id = ids[param] ?? FIXED_PARAMS[param];
    if (id === undefined) {
      throw new Error(`${operation.name}: no id for {${param}}; create one in beforeAll and add it to the ids`);
    }
    return id;
  });
}

function queryOf(operation: Operation): string {
  const query = [requiredQueries[operation.operationId]?.(), operation.hasForceQuery ? 'force=true' : undefined];
  const given = query.filter((part) => part !== undefined);
  return given.length > 0 ? `?${given.join('&')}` : '';
}

/** The operation as a real client would call it: a valid body, and `force=true` where it goes furthest. */
function callAs(client: ApiClient, operation: Operation, ids: Ids): Promise<LightMyRequestResponse> {
  const options: InjectOptions = {
    method: operation.method,
    url: urlOf(operation, ids) + queryOf(operation),
  };
  const raw = rawBodies[operation.operationId];
  if (raw) {
    const { contentType, payload } = raw();
    options.headers = { 'content-type': contentType };
    options.payload = payload;
  } else if (operation.hasBody) {
    const body = validBodies[operation.operationId];
    if (body === undefined) {
      throw new Error(`${operation.name}: add a valid body for ${operation.operationId} to validBodies`);
    }
    options.payload = body();
  }
  return client.call(options);
}

// --- what a client sees ---------------------------------------------------------------------

function jsonOf(response: LightMyRequestResponse): Record<string, unknown> | undefined {
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

/** A problem document with its ids named by parameter and the per-request id left out. */
function comparable(response: LightMyRequestResponse, ids: Ids): unknown {
  let text = response.body;
  for (const [param, id] of Object.entries(ids)) {
    text = text.replaceAll(id, `{${param}}`);
  }
  const { request_id: _requestId, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}

/** All of organization A that B could touch, read back with A's own key, and the size of every table. */
async function stateOfA() {
  const { appId } = idsOfA;
  const paths = [
    '/api/v1/apps?limit=100',
    `/api/v1/apps/${appId}/platforms?limit=100`,
    `/api/v1/apps/${appId}/entitlements?limit=100`,
    `/api/v1/apps/${appId}/products?limit=100`,
    `/api/v1/apps/${appId}/integrations?limit=100`,
    `/api/v1/apps/${appId}/paywalls?limit=100`,
    `/api/v1/apps/${appId}/campaigns`,
    '/api/v1/api-keys?limit=100',
  ];
  const reads = [];
  for (const path of paths) {
    const response = await clientA.get(path);
    // last_used_at tracks A's own reads here, to the minute: not something B can change.
    reads.push({ path, status: response.statusCode, body: response.body.replace(/"last_used_at":"[^"]*"/g, '') });
  }
  return { reads, rows: await rowCounts() };
}

async function rowCounts(): Promise<Record<string, number>> {
  const db = server.database.db;
  const counts: Record<string, number> = {};
  for (const table of [
    'organizations',
    'operators',
    'api_keys',
    'apps',
    'app_platforms',
    'entitlements',
    'products',
    'product_entitlements',
    'users',
    'purchases',
    'transactions',
    'events',
    'store_notifications',
    'integrations',
    'deliveries',
    'delivery_attempts',
    'paywalls',
    'paywall_versions',
    'paywall_images',
    'campaigns',
    'campaign_variants',
  ] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** A verified store notification as Tollgate keeps it, for the routes that read and replay them. */
async function aStoredNotification(appId: string, appPlatformId: string): Promise<string> {
  const id = uuidv7();
  await server.database.db
    .insertInto('store_notifications')
    .values({
      app_id: appId,
      id,
      app_platform_id: appPlatformId,
      store: 'apple',
      store_notification_id: uuidv7(),
      notification_type: 'TEST',
      subtype: null,
      environment: 'Sandbox',
      signed_at: new Date(),
      body: '{}',
      decoded: JSON.stringify({ notification: { notificationType: 'TEST' }, transaction: null, renewalInfo: null }),
      status: 'ignored',
      outcome: 'test notification',
      last_error: null,
      next_attempt_at: null,
      purchase_id: null,
      received_at: new Date(),
      applied_at: new Date(),
    })
    .execute();
  return id;
}

// --- sessions -------------------------------------------------------------------------------

async function signIn(organization: TestOrganization): Promise<string> {
  const response = await server.http.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: organization.operatorEmail, password: organization.password },
  });
  const cookie = response.cookies.find((c) => c.name === 'tollgate_session');
  if (response.statusCode !== 201 || cookie === undefined) {
    throw new Error(`could not sign in: ${response.statusCode} ${response.body}`);
  }
  return cookie.value;
}

function sessionCookie(token: string): Record<string, string> {
  return { cookie: `tollgate_session=${token}` };
}

function me(headers: Record<string, string>): Promise<LightMyRequestResponse> {
  return server.http.inject({ method: 'GET', url: '/api/v1/me', headers });
}
