import { describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, anEntitlement } from '../../../testing/catalog-builders.js';
import { aPaywall, paywallContent } from '../../../testing/paywall-builders.js';
import { countRows, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

const appCount = () => countRows(api.server, 'apps');

describe('creating an app with bad input', () => {
  test.each([
    ['no name', {}, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name that is not a string', { name: 12 }, 'name'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name'],
    ['an unknown field', { name: 'ok', colour: 'red' }, 'colour'],
  ])('rejects %s with 400 naming the field, and stores nothing', async (_case, body, field) => {
    const before = await appCount();

    const response = await api.client.post('/api/v1/apps', body);

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await appCount()).toBe(before);
  });

  test('rejects a body that is not JSON with 400 invalid_json', async () => {
    const response = await api.client.call({
      method: 'POST',
      url: '/api/v1/apps',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_json');
  });

  test('rejects a body that is not sent as JSON with 415', async () => {
    const response = await api.client.call({
      method: 'POST',
      url: '/api/v1/apps',
      headers: { 'content-type': 'text/plain' },
      payload: 'name=Radio',
    });

    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_media_type');
  });

  test('rejects a body over 256 KiB with 413, and stores nothing', async () => {
    const before = await appCount();

    const response = await api.client.post('/api/v1/apps', { name: 'ok', padding: 'x'.repeat(300 * 1024) });

    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
    expect(await appCount()).toBe(before);
  });
});

describe('reading apps with bad input', () => {
  test('answers a malformed id with 400 naming appId', async () => {
    const response = await api.client.get('/api/v1/apps/not-a-uuid');

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ location: 'params', field: 'appId', message: 'Must be a UUID' }]);
  });

  test('answers an unknown id with 404 app_not_found', async () => {
    const response = await api.client.get('/api/v1/apps/01900000-0000-7000-8000-000000000000');

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
  });

  test.each([
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit over 100', 'limit=101', 'limit'],
    ['a limit that is not a number', 'limit=ten', 'limit'],
    ['a limit with a fraction', 'limit=1.5', 'limit'],
    ['a cursor this API did not make', 'cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['an unknown parameter', 'sort=name', 'sort'],
  ])('rejects a list request with %s, naming %s', async (_case, query, field) => {
    const response = await api.client.get(`/api/v1/apps?${query}`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'querystring', field }));
  });
});

describe('changing apps with bad input', () => {
  test('rejects an update naming no field, and changes nothing', async () => {
    const app = await anApp(api.client, { name: 'Kept' });

    const response = await api.client.patch(`/api/v1/apps/${app.id}`, {});

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect((await api.client.get(`/api/v1/apps/${app.id}`)).json()).toEqual(app);
  });

  test('rejects an update with an unknown field, and changes nothing', async () => {
    const app = await anApp(api.client, { name: 'Kept' });

    const response = await api.client.patch(`/api/v1/apps/${app.id}`, { name: 'New', owner: 'me' });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({ location: 'body', field: 'owner', message: 'Unknown field' });
    expect((await api.client.get(`/api/v1/apps/${app.id}`)).json().name).toBe('Kept');
  });

  test('answers an update of an unknown app with 404', async () => {
    const response = await api.client.patch('/api/v1/apps/01900000-0000-7000-8000-000000000000', { name: 'x' });

    expect(response.statusCode).toBe(404);
  });

  test('refuses to delete an app that has a catalog, with 409 app_not_empty, and keeps it', async () => {
    const app = await anApp(api.client);
    await anAppPlatform(api.client, app.id);
    await anEntitlement(api.client, app.id);

    const response = await api.client.delete(`/api/v1/apps/${app.id}`);

    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('app_not_empty');
    expect(response.json().detail).toMatch(
      /1 app platform\(s\), 1 entitlement\(s\), 0 paywall\(s\) and 0 campaign\(s\)/,
    );
    expect((await api.client.get(`/api/v1/apps/${app.id}`)).statusCode).toBe(200);
  });

  test('refuses to delete an app whose only content is a paywall, with 409 app_not_empty', async () => {
    const app = await anApp(api.client);
    const paywall = await aPaywall(api.client, app.id, paywallContent(null));

    const response = await api.client.delete(`/api/v1/apps/${app.id}`);

    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/1 paywall\(s\)/);
    expect((await api.client.get(`/api/v1/apps/${app.id}/paywalls/${paywall.id}`)).statusCode).toBe(200);
  });

  test('rejects force values other than true and false', async () => {
    const app = await anApp(api.client);

    const response = await api.client.delete(`/api/v1/apps/${app.id}?force=yes`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'querystring', field: 'force' }));
    expect((await api.client.get(`/api/v1/apps/${app.id}`)).statusCode).toBe(200);
  });
});
