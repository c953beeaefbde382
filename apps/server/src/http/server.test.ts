import { testDriver } from '@tollgate/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe('every answer', () => {
  test('carries a request id, which a problem document quotes too', async () => {
    const response = await server.http.inject({ method: 'GET', url: '/api/v1/apps' });

    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.json().request_id).toBe(response.headers['x-request-id']);
  });

  test('an unknown endpoint is a 404 problem naming the method and path', async () => {
    const response = await server.http.inject({ method: 'PUT', url: '/api/v1/nothing-here?x=1' });

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: 'urn:tollgate:problem:route_not_found',
      title: 'Not Found',
      status: 404,
      code: 'route_not_found',
      detail: 'There is no PUT /api/v1/nothing-here endpoint',
      instance: '/api/v1/nothing-here',
      errors: [],
    });
  });

  test('a badly encoded URL is a 400 problem', async () => {
    const response = await server.http.inject({ method: 'GET', url: '/api/v1/apps/%E0%A4%A' });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('bad_url');
  });
});

describe('health', () => {
  test('/healthz says the process is up, without credentials', async () => {
    const response = await server.http.inject({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  test('/readyz says the database answers, and which one', async () => {
    const response = await server.http.inject({ method: 'GET', url: '/readyz' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', database: testDriver() });
  });

  test('/readyz answers 503 once the database is gone, while /healthz stays 200', async () => {
    const own = await startTestServer();
    await own.database.close();

    const ready = await own.http.inject({ method: 'GET', url: '/readyz' });
    const healthy = await own.http.inject({ method: 'GET', url: '/healthz' });

    expect(ready.statusCode).toBe(503);
    expect(ready.json().code).toBe('database_unreachable');
    expect(healthy.statusCode).toBe(200);
    await own.http.close();
  });
});

describe('the API contract', () => {
  const catalogOperations = [
    'createApp',
    'listApps',
    'getApp',
    'updateApp',
    'deleteApp',
    'createAppPlatform',
    'listAppPlatforms',
    'getAppPlatform',
    'updateAppPlatform',
    'deleteAppPlatform',
    'listStorePlatforms',
    'createEntitlement',
    'listEntitlements',
    'getEntitlement',
    'updateEntitlement',
    'deleteEntitlement',
    'createProduct',
    'listProducts',
    'getProduct',
    'updateProduct',
    'deleteProduct',
  ];

  interface Operation {
    operationId?: string;
    security?: unknown[];
    responses: Record<string, { content?: Record<string, unknown> }>;
  }

  async function operations(): Promise<Array<[string, string, Operation]>> {
    const document = (await server.http.inject({ method: 'GET', url: '/openapi.json' })).json();
    return Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]): [string, string, Operation] => [method, path, operation]),
    );
  }

  test('/openapi.json is OpenAPI 3.1 and describes every catalog operation', async () => {
    const document = (await server.http.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ids = (await operations()).map(([, , operation]) => operation.operationId);

    expect(document.openapi).toBe('3.1.0');
    expect(ids).toEqual(expect.arrayContaining(catalogOperations));
  });

  test('every error answer is described as application/problem+json', async () => {
    const errorContentTypes = (await operations()).flatMap(([, , operation]) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([, response]) => Object.keys(response.content ?? {})),
    );

    expect(errorContentTypes.length).toBeGreaterThan(50);
    expect(new Set(errorContentTypes.flat())).toEqual(new Set(['application/problem+json']));
  });

  test('every catalog operation requires credentials and documents its 401', async () => {
    const catalog = (await operations()).filter(([, , operation]) =>
      catalogOperations.includes(operation.operationId ?? ''),
    );

    for (const [method, path, operation] of catalog) {
      expect(operation.security, `${method} ${path}`).not.toEqual([]);
      expect(Object.keys(operation.responses), `${method} ${path}`).toContain('401');
    }
  });

  test('/docs is a page a person can read', async () => {
    const response = await server.http.inject({ method: 'GET', url: '/docs/' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });
});
