import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anEntitlement } from '../../../testing/catalog-builders.js';
import { anOrganization, apiClient, countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let app: { id: string };

beforeAll(async () => {
  app = await anApp(api.client);
});

const entitlementCount = () => countRows(api.server, 'entitlements');

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const validBody = () => ({ entitlement_ref_id: 'ok', name: 'Ok' });

describe('creating an entitlement with bad input', () => {
  test.each([
    ['no entitlement_ref_id', { entitlement_ref_id: undefined }, 'entitlement_ref_id'],
    ['an empty entitlement_ref_id', { entitlement_ref_id: '' }, 'entitlement_ref_id'],
    ['an entitlement_ref_id with spaces', { entitlement_ref_id: 'pro plan' }, 'entitlement_ref_id'],
    ['an entitlement_ref_id starting with "."', { entitlement_ref_id: '.pro' }, 'entitlement_ref_id'],
    ['an entitlement_ref_id starting with "-"', { entitlement_ref_id: '-pro' }, 'entitlement_ref_id'],
    ['an entitlement_ref_id with a slash', { entitlement_ref_id: 'pro/plus' }, 'entitlement_ref_id'],
    ['an entitlement_ref_id over 150 characters', { entitlement_ref_id: 'x'.repeat(151) }, 'entitlement_ref_id'],
    ['an entitlement_ref_id that is not a string', { entitlement_ref_id: 42 }, 'entitlement_ref_id'],
    ['no name', { name: undefined }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name'],
    ['a name that is not a string', { name: ['Pro'] }, 'name'],
    ['a description over 2000 characters', { description: 'd'.repeat(2001) }, 'description'],
    ['a description that is not a string', { description: 7 }, 'description'],
    ['a null description', { description: null }, 'description'],
    ['an unknown field', { price: 9.99 }, 'price'],
  ])('rejects %s with 400 naming %s, and stores nothing', async (_case, change, field) => {
    const before = await entitlementCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/entitlements`, { ...validBody(), ...change });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await entitlementCount()).toBe(before);
  });

  test('names an unknown field as such', async () => {
    const before = await entitlementCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/entitlements`, {
      ...validBody(),
      app_id: UNKNOWN_ID,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({ location: 'body', field: 'app_id', message: 'Unknown field' });
    expect(await entitlementCount()).toBe(before);
  });

  test('rejects an entitlement_ref_id the app already has with 409, and keeps the first entitlement as it was', async () => {
    const first = await anEntitlement(api.client, app.id, { entitlement_ref_id: 'taken', name: 'First' });
    const before = await entitlementCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/entitlements`, {
      entitlement_ref_id: 'taken',
      name: 'Second',
      description: 'Should not replace the first',
    });

    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 409,
      code: 'entitlement_ref_id_taken',
      errors: [{ location: 'body', field: 'entitlement_ref_id', message: expect.any(String) }],
    });
    expect(await entitlementCount()).toBe(before);
    expect((await api.client.get(`/api/v1/apps/${app.id}/entitlements/${first.id}`)).json()).toEqual(first);
  });

  test('answers 404 app_not_found for an unknown app, and stores nothing', async () => {
    const before = await entitlementCount();

    const response = await api.client.post(`/api/v1/apps/${UNKNOWN_ID}/entitlements`, validBody());

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
    expect(await entitlementCount()).toBe(before);
  });

  test("answers 404 app_not_found for another organization's app, and stores nothing", async () => {
    const stranger = apiClient(api.server, (await anOrganization(api.server)).apiKey);
    const before = await entitlementCount();

    const response = await stranger.post(`/api/v1/apps/${app.id}/entitlements`, validBody());

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
    expect(await entitlementCount()).toBe(before);
  });
});

describe('changing an entitlement with bad input', () => {
  test('rejects an update naming no field, and changes nothing', async () => {
    const entitlement = await anEntitlement(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`, {});

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toEqual([
      { location: 'body', field: '', message: 'Name at least one field to change' },
    ]);
    expect((await api.client.get(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`)).json()).toEqual(entitlement);
  });

  test.each([
    ['an entitlement_ref_id with spaces', { entitlement_ref_id: 'pro plan' }, 'entitlement_ref_id'],
    ['an entitlement_ref_id starting with "."', { entitlement_ref_id: '.pro' }, 'entitlement_ref_id'],
    ['an entitlement_ref_id over 150 characters', { entitlement_ref_id: 'x'.repeat(151) }, 'entitlement_ref_id'],
    ['an empty entitlement_ref_id', { entitlement_ref_id: '' }, 'entitlement_ref_id'],
    ['a blank name', { name: '  ' }, 'name'],
    ['a null name', { name: null }, 'name'],
    ['a description over 2000 characters', { description: 'd'.repeat(2001) }, 'description'],
    ['a description that is not a string', { description: false }, 'description'],
    ['an unknown field', { name: 'New', app_id: UNKNOWN_ID }, 'app_id'],
  ])('rejects an update with %s, naming %s, and changes nothing', async (_case, change, field) => {
    const entitlement = await anEntitlement(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`, change);

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect((await api.client.get(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`)).json()).toEqual(entitlement);
  });

  test('rejects taking an entitlement_ref_id another entitlement of the app has, with 409, and changes nothing', async () => {
    await anEntitlement(api.client, app.id, { entitlement_ref_id: 'one' });
    const two = await anEntitlement(api.client, app.id, { entitlement_ref_id: 'two', name: 'Two' });

    const response = await api.client.patch(`/api/v1/apps/${app.id}/entitlements/${two.id}`, {
      entitlement_ref_id: 'one',
      name: 'Renamed too',
    });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'entitlement_ref_id_taken',
      errors: [{ location: 'body', field: 'entitlement_ref_id' }],
    });
    expect((await api.client.get(`/api/v1/apps/${app.id}/entitlements/${two.id}`)).json()).toEqual(two);
  });
});

describe('addressing entitlements that are not there', () => {
  test.each<[string, Method]>([
    ['get', 'GET'],
    ['update', 'PATCH'],
    ['delete', 'DELETE'],
  ])('answers %s of an unknown entitlement with 404 entitlement_not_found', async (_case, method) => {
    const before = await entitlementCount();

    const response = await api.client.call({
      method,
      url: `/api/v1/apps/${app.id}/entitlements/${UNKNOWN_ID}`,
      ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('entitlement_not_found');
    expect(await entitlementCount()).toBe(before);
  });

  test.each<[string, Method]>([
    ['get', 'GET'],
    ['update', 'PATCH'],
    ['delete', 'DELETE'],
  ])(
    "answers %s of another app's entitlement under this app's URL with 404, and leaves it as it was",
    async (_case, method) => {
      const other = await anApp(api.client);
      const foreign = await anEntitlement(api.client, other.id);

      const response = await api.client.call({
        method,
        url: `/api/v1/apps/${app.id}/entitlements/${foreign.id}`,
        ...(method === 'PATCH' ? { payload: { name: 'Hijacked' } } : {}),
      });

      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('entitlement_not_found');
      expect((await api.client.get(`/api/v1/apps/${other.id}/entitlements/${foreign.id}`)).json()).toEqual(foreign);
    },
  );

  test.each<[string, Method, string]>([
    ['list', 'GET', ''],
    ['get', 'GET', `/${UNKNOWN_ID}`],
    ['update', 'PATCH', `/${UNKNOWN_ID}`],
    ['delete', 'DELETE', `/${UNKNOWN_ID}`],
  ])('answers %s under an unknown app with 404 app_not_found', async (_case, method, rest) => {
    const before = await entitlementCount();

    const response = await api.client.call({
      method,
      url: `/api/v1/apps/${UNKNOWN_ID}/entitlements${rest}`,
      ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
    expect(await entitlementCount()).toBe(before);
  });
});

describe('malformed ids and queries', () => {
  test.each<[string, Method, (appId: string) => string, string]>([
    ['create under an app id', 'POST', () => '/api/v1/apps/not-a-uuid/entitlements', 'appId'],
    ['list under an app id', 'GET', () => '/api/v1/apps/not-a-uuid/entitlements', 'appId'],
    ['get under an app id', 'GET', () => `/api/v1/apps/not-a-uuid/entitlements/${UNKNOWN_ID}`, 'appId'],
    ['get of an entitlement id', 'GET', (appId) => `/api/v1/apps/${appId}/entitlements/pro`, 'entitlementId'],
    ['update of an entitlement id', 'PATCH', (appId) => `/api/v1/apps/${appId}/entitlements/pro`, 'entitlementId'],
    ['delete of an entitlement id', 'DELETE', (appId) => `/api/v1/apps/${appId}/entitlements/pro`, 'entitlementId'],
  ])('answers a %s that is not a UUID with 400 naming %s', async (_case, method, url, field) => {
    const before = await entitlementCount();

    const response = await api.client.call({
      method,
      url: url(app.id),
      ...(method === 'POST' ? { payload: validBody() } : method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toEqual([{ location: 'params', field, message: 'Must be a UUID' }]);
    expect(await entitlementCount()).toBe(before);
  });

  test.each([
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit over 100', 'limit=101', 'limit'],
    ['a limit with a fraction', 'limit=1.5', 'limit'],
    ['a cursor this API did not make', 'cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['an unknown parameter', 'entitlement_ref_id=pro', 'entitlement_ref_id'],
  ])('rejects a list request with %s, naming %s', async (_case, query, field) => {
    const response = await api.client.get(`/api/v1/apps/${app.id}/entitlements?${query}`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'querystring', field }));
  });

  test('rejects a delete with a force value other than true and false, and keeps the entitlement', async () => {
    const entitlement = await anEntitlement(api.client, app.id);

    const response = await api.client.delete(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}?force=1`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'querystring', field: 'force' }));
    expect((await api.client.get(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`)).json()).toEqual(entitlement);
  });
});
