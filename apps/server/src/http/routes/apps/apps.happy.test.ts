import { describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, anEntitlement } from '../../../testing/catalog-builders.js';
import { anOrganization, apiClient, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

describe('apps', () => {
  test('creates an app and reads it back', async () => {
    const created = await api.client.post('/api/v1/apps', { name: 'Radio Nami' });

    expect(created.statusCode).toBe(201);
    const app = created.json();
    expect(app).toMatchObject({ name: 'Radio Nami' });
    expect(app.created_at).toBe(app.updated_at);
    const read = await api.client.get(`/api/v1/apps/${app.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(app);
  });

  test('trims the name', async () => {
    const created = await api.client.post('/api/v1/apps', { name: '  Spaced  ' });

    expect(created.json().name).toBe('Spaced');
  });

  test('renames an app and moves updated_at', async () => {
    const app = await anApp(api.client);
    api.server.advanceClock(1000);

    const updated = await api.client.patch(`/api/v1/apps/${app.id}`, { name: 'Renamed' });

    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: app.id, name: 'Renamed', created_at: app.created_at });
    expect(updated.json().updated_at > String(app.updated_at)).toBe(true);
    expect((await api.client.get(`/api/v1/apps/${app.id}`)).json().name).toBe('Renamed');
  });

  test('deletes an empty app', async () => {
    const app = await anApp(api.client);

    const deleted = await api.client.delete(`/api/v1/apps/${app.id}`);

    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await api.client.get(`/api/v1/apps/${app.id}`)).statusCode).toBe(404);
  });

  test('with force=true deletes an app together with its platforms and entitlements', async () => {
    const app = await anApp(api.client);
    await anAppPlatform(api.client, app.id);
    await anEntitlement(api.client, app.id);

    const deleted = await api.client.delete(`/api/v1/apps/${app.id}?force=true`);

    expect(deleted.statusCode).toBe(204);
    expect((await api.client.get(`/api/v1/apps/${app.id}`)).statusCode).toBe(404);
    const leftovers = await api.server.database.db
      .selectFrom('app_platforms')
      .select('id')
      .where('app_id', '=', app.id)
      .execute();
    expect(leftovers).toEqual([]);
  });
});

describe('listing apps', () => {
  test('pages through every app once, oldest first, with a cursor', async () => {
    const own = apiClient(api.server, (await anOrganization(api.server)).apiKey);
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const name of names) {
      await anApp(own, { name });
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await own.get(`/api/v1/apps${query}`);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().data.map((app: { name: string }) => app.name));
      cursor = page.json().next_cursor;
      pages += 1;
    } while (cursor !== null);

    expect(seen).toEqual(names);
    expect(pages).toBe(3);
  });

  test('the last page has no cursor', async () => {
    const own = apiClient(api.server, (await anOrganization(api.server)).apiKey);
    await anApp(own);
    await anApp(own);

    const page = await own.get('/api/v1/apps?limit=2');

    expect(page.json().data).toHaveLength(2);
    expect(page.json().next_cursor).toBeNull();
  });

  test('an app created while paging shows up on a later page, and none repeats', async () => {
    const own = apiClient(api.server, (await anOrganization(api.server)).apiKey);
    await anApp(own, { name: 'first' });
    await anApp(own, { name: 'second' });

    const first = await own.get('/api/v1/apps?limit=1');
    await anApp(own, { name: 'third' });
    const rest = await own.get(`/api/v1/apps?limit=10&cursor=${first.json().next_cursor}`);

    expect(first.json().data.map((a: { name: string }) => a.name)).toEqual(['first']);
    expect(rest.json().data.map((a: { name: string }) => a.name)).toEqual(['second', 'third']);
  });

  test('an organization without apps gets an empty list', async () => {
    const own = apiClient(api.server, (await anOrganization(api.server)).apiKey);

    const page = await own.get('/api/v1/apps');

    expect(page.json()).toEqual({ data: [], next_cursor: null });
  });
});
