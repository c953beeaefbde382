import { randomUUID } from 'node:crypto';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aDevice, anSdkApp, deviceRow, type SdkPlatform } from '../../../testing/sdk-client.js';
import { anOrganization, apiClient, startTestServer, type TestServer } from '../../../testing/test-server.js';

/**
 * Every SDK operation, found in the OpenAPI document rather than listed here: a route added
 * later joins these tables the moment it is registered (and fails them until it has a body here).
 */

const HTTP_METHODS = ['get', 'put', 'post'] as const;

interface Operation {
  name: string;
  operationId: string;
  method: 'GET' | 'PUT' | 'POST';
  template: string;
  security: OpenAPIV3_1.SecurityRequirementObject[] | undefined;
}

/** A valid body per operation, so that what is refused is refused for its key, not its body. */
const VALID_BODIES: Record<string, () => object | undefined> = {
  registerDevice: () => ({ os: 'ios' }),
  startSession: () => ({ session_id: randomUUID() }),
  endSession: () => ({}),
  recordImpression: () => ({ impression_id: randomUUID(), paywall_id: 'onboarding' }),
  recordTransaction: () => ({ transaction_id: randomUUID(), test_store: { sku_ref_id: 'apple.monthly' } }),
  logIn: () => ({ external_id: 'customer-1' }),
  logOut: () => ({}),
  setExternalId: () => ({ value: 'crm-1' }),
  customerInfo: () => undefined,
  placementPaywall: () => undefined,
};

let server: TestServer;
let operations: Operation[];
let appA: SdkPlatform;
let appB: SdkPlatform;
let operatorApiKey: string;
let deviceOfA: { deviceId: string; userId: string };
const sessionOfA = randomUUID();

beforeAll(async () => {
  server = await startTestServer();
  operations = sdkOperations(server.http.swagger() as OpenAPIV3_1.Document);
  const organization = await anOrganization(server);
  const client = apiClient(server, organization.apiKey);
  operatorApiKey = organization.apiKey;
  [appA] = (await anSdkApp(server, client)) as [SdkPlatform];
  [appB] = (await anSdkApp(server, apiClient(server, (await anOrganization(server)).apiKey))) as [SdkPlatform];
  deviceOfA = await aDevice(appA.sdk);
  await appA.sdk.post(`/devices/${deviceOfA.deviceId}/sessions`, { session_id: sessionOfA });
});

afterAll(async () => {
  await server?.close();
});

function sdkOperations(document: OpenAPIV3_1.Document): Operation[] {
  const found: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    if (!template.startsWith('/sdk/v1/') || item === undefined) {
      continue;
    }
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) {
        continue;
      }
      const upper = method.toUpperCase() as Operation['method'];
      found.push({
        name: `${upper} ${template}`,
        operationId: operation.operationId ?? `${upper} ${template}`,
        method: upper,
        template,
        security: operation.security,
      });
    }
  }
  return found;
}

function call(operation: Operation, authorization: string | undefined, deviceId: string = randomUUID()) {
  const url = operation.template
    .replace('{deviceId}', deviceId)
    .replace('{sessionId}', sessionOfA)
    .replace('{key}', 'crm_id')
    .replace('{placement}', 'onboarding');
  // An operation that names no device in its path names it in the query.
  const query = operation.template.includes('{deviceId}') ? '' : `?device_id=${deviceId}`;
  const body = VALID_BODIES[operation.operationId]?.();
  return server.http.inject({
    method: operation.method,
    url: `${url}${query}`,
    headers: authorization === undefined ? {} : { authorization },
    ...(body === undefined ? {} : { payload: body }),
  });
}

describe('the SDK API', () => {
  test('has its operations in the OpenAPI document, each with a valid body here, each asking for an SDK key', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(Object.keys(VALID_BODIES).sort());
    for (const operation of operations) {
      expect(operation.security, operation.name).toEqual([{ sdkKey: [] }]);
    }
  });

  test('declares the sdkKey security scheme as a bearer token', () => {
    const document = server.http.swagger() as OpenAPIV3_1.Document;

    expect(document.components?.securitySchemes?.sdkKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe.each([
  ['no Authorization header', () => undefined],
  ['a key no app platform has', () => 'Bearer tgp_notakeyofanyone'],
  ['an SDK key without the Bearer scheme', () => appA.sdkKey],
  ['an operator API key', () => `Bearer ${operatorApiKey}`],
])('with %s', (_case, authorization) => {
  test('every SDK operation answers 401 unauthenticated as a problem document, asking for a bearer token', async () => {
    for (const operation of operations) {
      const response = await call(operation, authorization(), deviceOfA.deviceId);

      expect(response.statusCode, operation.name).toBe(401);
      expect(response.headers['content-type'], operation.name).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate'], operation.name).toMatch(/^Bearer /);
      expect(response.json(), operation.name).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
  });
});

describe('with the SDK key of another app', () => {
  test('every operation on a device of this app answers 404 device_not_found or session_not_found', async () => {
    for (const operation of operations.filter((op) => op.operationId !== 'registerDevice')) {
      const response = await call(operation, `Bearer ${appB.sdkKey}`, deviceOfA.deviceId);

      expect(response.statusCode, `${operation.name}: ${response.body}`).toBe(404);
      expect(response.json().code, operation.name).toMatch(/^(device|session)_not_found$/);
    }
  });

  test('registering the id of this app’s device makes a device of the other app and leaves this one alone', async () => {
    const before = await deviceRow(server, appA.appId, deviceOfA.deviceId);

    const response = await appB.sdk.put(`/devices/${deviceOfA.deviceId}`, { os: 'android' });

    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().user_id).not.toBe(deviceOfA.userId);
    expect(await deviceRow(server, appA.appId, deviceOfA.deviceId)).toEqual(before);
  });
});

describe('an SDK key on the admin API', () => {
  test('answers 401', async () => {
    const response = await server.http.inject({
      method: 'GET',
      url: '/api/v1/apps',
      headers: { authorization: `Bearer ${appA.sdkKey}` },
    });

    expect(response.statusCode).toBe(401);
  });
});
