import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform } from '../../../testing/catalog-builders.js';
import { anOrganization, apiClient, countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let app: { id: string };

beforeAll(async () => {
  app = await anApp(api.client);
});

const platformCount = () => countRows(api.server, 'app_platforms');

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const validBody = () => ({ name: 'iOS', store: 'apple', marketplace_app_id: 'com.example.ok' });

describe('creating an app platform with bad input', () => {
  test.each([
    ['no name', { name: undefined }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name'],
    ['no store', { store: undefined }, 'store'],
    ['a store Tollgate does not know', { store: 'amazon' }, 'store'],
    ['a store in capitals', { store: 'Apple' }, 'store'],
    ['a store that is not a string', { store: 1 }, 'store'],
    ['no marketplace_app_id', { marketplace_app_id: undefined }, 'marketplace_app_id'],
    ['an empty marketplace_app_id', { marketplace_app_id: '' }, 'marketplace_app_id'],
    ['a marketplace_app_id with spaces', { marketplace_app_id: 'com.example app' }, 'marketplace_app_id'],
    ['a marketplace_app_id with a slash', { marketplace_app_id: 'com/example' }, 'marketplace_app_id'],
    ['a marketplace_app_id starting with "."', { marketplace_app_id: '.com.example' }, 'marketplace_app_id'],
    ['a marketplace_app_id over 255 characters', { marketplace_app_id: 'x'.repeat(256) }, 'marketplace_app_id'],
    ['an empty environment', { environment: '' }, 'environment'],
    ['an upper-case environment', { environment: 'Production' }, 'environment'],
    ['an environment with spaces', { environment: 'pre prod' }, 'environment'],
    ['an environment starting with "-"', { environment: '-prod' }, 'environment'],
    ['an environment over 64 characters', { environment: 'e'.repeat(65) }, 'environment'],
    ['an environment that is not a string', { environment: null }, 'environment'],
  ])('rejects %s with 400 naming %s, and stores nothing', async (_case, change, field) => {
    const before = await platformCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/platforms`, { ...validBody(), ...change });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await platformCount()).toBe(before);
  });

  test.each([
    ['sdk_key', 'tgp_mine'],
    ['app_id', UNKNOWN_ID],
    ['platform', 'ios'],
  ])('rejects the unknown field %s with 400, and stores nothing', async (field, value) => {
    const before = await platformCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/platforms`, { ...validBody(), [field]: value });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({ location: 'body', field, message: 'Unknown field' });
    expect(await platformCount()).toBe(before);
  });

  test('rejects a second platform with the same store, marketplace app id and environment with 409, keeping the first', async () => {
    const own = await anApp(api.client);
    const first = await anAppPlatform(api.client, own.id, {
      name: 'First',
      store: 'apple',
      marketplace_app_id: 'com.example.taken',
      environment: 'production',
    });
    const before = await platformCount();

    const response = await api.client.post(`/api/v1/apps/${own.id}/platforms`, {
      name: 'Second',
      store: 'apple',
      marketplace_app_id: 'com.example.taken',
    });

    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 409,
      code: 'marketplace_app_id_taken',
      errors: [{ location: 'body', field: 'marketplace_app_id', message: expect.any(String) }],
    });
    expect(await platformCount()).toBe(before);
    expect((await api.client.get(`/api/v1/apps/${own.id}/platforms/${first.id}`)).json()).toEqual(first);
  });

  test('answers 404 app_not_found for an unknown app, and stores nothing', async () => {
    const before = await platformCount();

    const response = await api.client.post(`/api/v1/apps/${UNKNOWN_ID}/platforms`, validBody());

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
    expect(await platformCount()).toBe(before);
  });

  test("answers 404 app_not_found for another organization's app, and stores nothing", async () => {
    const stranger = apiClient(api.server, (await anOrganization(api.server)).apiKey);
    const before = await platformCount();

    const response = await stranger.post(`/api/v1/apps/${app.id}/platforms`, validBody());

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
    expect(await platformCount()).toBe(before);
  });
});

describe('changing an app platform with bad input', () => {
  test('rejects changing the store with 400 Unknown field, and changes nothing', async () => {
    const platform = await anAppPlatform(api.client, app.id, { store: 'apple' });

    const response = await api.client.patch(`/api/v1/apps/${app.id}/platforms/${platform.id}`, {
      name: 'Android now',
      store: 'google',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({ location: 'body', field: 'store', message: 'Unknown field' });
    expect((await api.client.get(`/api/v1/apps/${app.id}/platforms/${platform.id}`)).json()).toEqual(platform);
  });

  test.each([
    ['a blank name', { name: ' ' }, 'name'],
    ['a marketplace_app_id with spaces', { marketplace_app_id: 'com example' }, 'marketplace_app_id'],
    ['an empty marketplace_app_id', { marketplace_app_id: '' }, 'marketplace_app_id'],
    ['an empty environment', { environment: '' }, 'environment'],
    ['an upper-case environment', { environment: 'STAGING' }, 'environment'],
    ['an environment over 64 characters', { environment: 'e'.repeat(65) }, 'environment'],
    ['a new sdk_key', { sdk_key: 'tgp_mine' }, 'sdk_key'],
    ['an unknown field', { name: 'ok', colour: 'red' }, 'colour'],
  ])('rejects an update with %s, naming %s, and changes nothing', async (_case, change, field) => {
    const platform = await anAppPlatform(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/platforms/${platform.id}`, change);

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect((await api.client.get(`/api/v1/apps/${app.id}/platforms/${platform.id}`)).json()).toEqual(platform);
  });

  test('rejects an update naming no field, and changes nothing', async () => {
    const platform = await anAppPlatform(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/platforms/${platform.id}`, {});

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect((await api.client.get(`/api/v1/apps/${app.id}/platforms/${platform.id}`)).json()).toEqual(platform);
  });

  test.each([
    [
      'marketplace_app_id',
      { marketplace_app_id: 'com.example.one', environment: 'production' },
      { marketplace_app_id: 'com.example.two', environment: 'production' },
      { marketplace_app_id: 'com.example.one' },
    ],
    [
      'environment',
      { marketplace_app_id: 'com.example.one', environment: 'staging' },
      { marketplace_app_id: 'com.example.one', environment: 'production' },
      { environment: 'staging' },
    ],
  ])(
    'rejects changing the %s into a combination another platform has, with 409, and changes nothing',
    async (_field, taken, mover, change) => {
      const own = await anApp(api.client);
      await anAppPlatform(api.client, own.id, { store: 'apple', ...taken });
      const platform = await anAppPlatform(api.client, own.id, { store: 'apple', ...mover });

      const response = await api.client.patch(`/api/v1/apps/${own.id}/platforms/${platform.id}`, {
        name: 'Renamed too',
        ...change,
      });

      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'marketplace_app_id_taken',
        errors: [{ location: 'body', field: 'marketplace_app_id' }],
      });
      expect((await api.client.get(`/api/v1/apps/${own.id}/platforms/${platform.id}`)).json()).toEqual(platform);
    },
  );
});

describe('addressing app platforms that are not there', () => {
  test.each<[string, Method]>([
    ['get', 'GET'],
    ['update', 'PATCH'],
    ['delete', 'DELETE'],
  ])('answers %s of an unknown platform with 404 app_platform_not_found', async (_case, method) => {
    const before = await platformCount();

    const response = await api.client.call({
      method,
      url: `/api/v1/apps/${app.id}/platforms/${UNKNOWN_ID}`,
      ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('app_platform_not_found');
    expect(await platformCount()).toBe(before);
  });

  test.each<[string, Method]>([
    ['get', 'GET'],
    ['update', 'PATCH'],
    ['delete', 'DELETE'],
  ])(
    "answers %s of another app's platform under this app's URL with 404, and leaves it as it was",
    async (_case, method) => {
      const other = await anApp(api.client);
      const foreign = await anAppPlatform(api.client, other.id);

      const response = await api.client.call({
        method,
        url: `/api/v1/apps/${app.id}/platforms/${foreign.id}`,
        ...(method === 'PATCH' ? { payload: { name: 'Hijacked' } } : {}),
      });

      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('app_platform_not_found');
      expect((await api.client.get(`/api/v1/apps/${other.id}/platforms/${foreign.id}`)).json()).toEqual(foreign);
    },
  );

  test.each<[string, Method, string]>([
    ['list', 'GET', ''],
    ['get', 'GET', `/${UNKNOWN_ID}`],
    ['update', 'PATCH', `/${UNKNOWN_ID}`],
    ['delete', 'DELETE', `/${UNKNOWN_ID}`],
  ])('answers %s under an unknown app with 404 app_not_found', async (_case, method, rest) => {
    const before = await platformCount();

    const response = await api.client.call({
      method,
      url: `/api/v1/apps/${UNKNOWN_ID}/platforms${rest}`,
      ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
    expect(await platformCount()).toBe(before);
  });

  test("answers a read of another organization's platform with 404 app_not_found", async () => {
    const platform = await anAppPlatform(api.client, app.id);
    const stranger = apiClient(api.server, (await anOrganization(api.server)).apiKey);

    const response = await stranger.get(`/api/v1/apps/${app.id}/platforms/${platform.id}`);

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
  });
});

describe('malformed ids and queries', () => {
  test.each<[string, Method, (appId: string) => string, string]>([
    ['create under an app id', 'POST', () => '/api/v1/apps/not-a-uuid/platforms', 'appId'],
    ['list under an app id', 'GET', () => '/api/v1/apps/not-a-uuid/platforms', 'appId'],
    ['get under an app id', 'GET', () => `/api/v1/apps/not-a-uuid/platforms/${UNKNOWN_ID}`, 'appId'],
    ['get of a platform id', 'GET', (appId) => `/api/v1/apps/${appId}/platforms/42`, 'appPlatformId'],
    ['update of a platform id', 'PATCH', (appId) => `/api/v1/apps/${appId}/platforms/42`, 'appPlatformId'],
    ['delete of a platform id', 'DELETE', (appId) => `/api/v1/apps/${appId}/platforms/42`, 'appPlatformId'],
  ])('answers a %s that is not a UUID with 400 naming %s', async (_case, method, url, field) => {
    const before = await platformCount();

    const response = await api.client.call({
      method,
      url: url(app.id),
      ...(method === 'POST' ? { payload: validBody() } : method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toEqual([{ location: 'params', field, message: 'Must be a UUID' }]);
    expect(await platformCount()).toBe(before);
  });

  test.each([
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit over 100', 'limit=101', 'limit'],
    ['a limit that is not a number', 'limit=ten', 'limit'],
    ['a cursor this API did not make', 'cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['an unknown parameter', 'store=apple', 'store'],
  ])('rejects a list request with %s, naming %s', async (_case, query, field) => {
    const response = await api.client.get(`/api/v1/apps/${app.id}/platforms?${query}`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'querystring', field }));
  });

  test('rejects a delete with a force value other than true and false, and keeps the platform', async () => {
    const platform = await anAppPlatform(api.client, app.id);

    const response = await api.client.delete(`/api/v1/apps/${app.id}/platforms/${platform.id}?force=yes`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'querystring', field: 'force' }));
    expect((await api.client.get(`/api/v1/apps/${app.id}/platforms/${platform.id}`)).json()).toEqual(platform);
  });
});
