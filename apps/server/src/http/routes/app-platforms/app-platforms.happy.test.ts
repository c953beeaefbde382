import { describe, expect, test } from 'vitest';
import { anApp, anAppPlatform } from '../../../testing/catalog-builders.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

const SDK_KEY = /^tgp_[A-Za-z0-9_-]{43}$/;

describe('app platforms', () => {
  test.each([
    ['apple', 'com.example.radio'],
    ['google', 'com.example.radio'],
    ['roku', '654321'],
  ])(
    'adds a platform selling through the %s store, in production by default, with an SDK key',
    async (store, marketplaceAppId) => {
      const app = await anApp(api.client);

      const response = await api.client.post(`/api/v1/apps/${app.id}/platforms`, {
        name: 'Main',
        store,
        marketplace_app_id: marketplaceAppId,
      });

      expect(response.statusCode).toBe(201);
      const platform = response.json();
      expect(platform).toMatchObject({
        app_id: app.id,
        name: 'Main',
        store,
        marketplace_app_id: marketplaceAppId,
        environment: 'production',
      });
      expect(platform.sdk_key).toMatch(SDK_KEY);
      expect(platform.created_at).toBe(platform.updated_at);
      expect((await api.client.get(`/api/v1/apps/${app.id}/platforms/${platform.id}`)).json()).toEqual(platform);
    },
  );

  test('gives every platform its own SDK key', async () => {
    const app = await anApp(api.client);

    const platforms = [
      await anAppPlatform(api.client, app.id, { store: 'apple' }),
      await anAppPlatform(api.client, app.id, { store: 'google' }),
      await anAppPlatform(api.client, app.id, { store: 'roku' }),
    ];

    const keys = platforms.map((platform) => platform.sdk_key);
    expect(keys.every((key) => typeof key === 'string' && key.startsWith('tgp_'))).toBe(true);
    expect(new Set(keys).size).toBe(3);
  });

  test('keeps the environment it is given', async () => {
    const app = await anApp(api.client);

    const platform = await anAppPlatform(api.client, app.id, { environment: 'staging-2' });

    expect(platform.environment).toBe('staging-2');
  });

  test.each([
    ['a marketplace_app_id of exactly 255 characters', { marketplace_app_id: `a${'.b'.repeat(127)}` }],
    ['an environment of exactly 64 characters', { environment: `e${'_x'.repeat(31)}1` }],
    ['a marketplace_app_id with digits, ".", "_" and "-"', { marketplace_app_id: '9com.Example_app-2' }],
  ])('accepts %s', async (_case, change) => {
    const app = await anApp(api.client);

    const platform = await anAppPlatform(api.client, app.id, change);

    expect(platform).toMatchObject(change);
  });

  test('trims the name', async () => {
    const app = await anApp(api.client);

    const platform = await anAppPlatform(api.client, app.id, { name: '  iPhone  ' });

    expect(platform.name).toBe('iPhone');
  });

  test.each([
    ['another marketplace app id', { marketplace_app_id: 'com.example.lite' }],
    ['another environment', { environment: 'staging' }],
    ['another store', { store: 'google' }],
  ])('an app may have a second platform with %s', async (_case, change) => {
    const app = await anApp(api.client);
    const first = await anAppPlatform(api.client, app.id, {
      store: 'apple',
      marketplace_app_id: 'com.example.radio',
      environment: 'production',
    });

    const response = await api.client.post(`/api/v1/apps/${app.id}/platforms`, {
      name: 'Second',
      store: 'apple',
      marketplace_app_id: 'com.example.radio',
      environment: 'production',
      ...change,
    });

    expect(response.statusCode).toBe(201);
    const listed = (await api.client.get(`/api/v1/apps/${app.id}/platforms`)).json().data;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([first.id, response.json().id]);
  });

  test('two apps may each have a platform with the same store, marketplace app id and environment', async () => {
    const one = await anApp(api.client);
    const two = await anApp(api.client);
    const same = { store: 'apple', marketplace_app_id: 'com.example.shared', environment: 'production' };
    await anAppPlatform(api.client, one.id, same);

    const response = await api.client.post(`/api/v1/apps/${two.id}/platforms`, { name: 'Shared', ...same });

    expect(response.statusCode).toBe(201);
  });
});

describe('changing app platforms', () => {
  test.each([
    ['name', { name: 'Renamed' }],
    ['marketplace_app_id', { marketplace_app_id: 'com.example.moved' }],
    ['environment', { environment: 'sandbox' }],
  ])('changes the %s alone, keeping the store and SDK key, and moves updated_at', async (_field, change) => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id, { store: 'google' });
    api.server.advanceClock(1000);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/platforms/${platform.id}`, change);

    expect(response.statusCode).toBe(200);
    const updated = response.json();
    expect(updated).toEqual({ ...platform, ...change, updated_at: updated.updated_at });
    expect(updated.updated_at > String(platform.updated_at)).toBe(true);
    expect((await api.client.get(`/api/v1/apps/${app.id}/platforms/${platform.id}`)).json()).toEqual(updated);
  });

  test('changes several fields at once', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/platforms/${platform.id}`, {
      name: 'TestFlight',
      marketplace_app_id: 'com.example.beta',
      environment: 'beta',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'TestFlight',
      marketplace_app_id: 'com.example.beta',
      environment: 'beta',
      store: 'apple',
      sdk_key: platform.sdk_key,
    });
  });

  test('an update that keeps its own store, marketplace app id and environment is not a conflict', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/platforms/${platform.id}`, {
      marketplace_app_id: platform.marketplace_app_id,
      environment: platform.environment,
    });

    expect(response.statusCode).toBe(200);
  });

  test('deletes a platform that sells nothing', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);

    const response = await api.client.delete(`/api/v1/apps/${app.id}/platforms/${platform.id}`);

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const after = await api.client.get(`/api/v1/apps/${app.id}/platforms/${platform.id}`);
    expect(after.statusCode).toBe(404);
    expect(after.json().code).toBe('app_platform_not_found');
  });

  test('deleting one platform leaves the app and its other platforms', async () => {
    const app = await anApp(api.client);
    const doomed = await anAppPlatform(api.client, app.id);
    const kept = await anAppPlatform(api.client, app.id);

    await api.client.delete(`/api/v1/apps/${app.id}/platforms/${doomed.id}`);

    expect((await api.client.get(`/api/v1/apps/${app.id}`)).statusCode).toBe(200);
    expect((await api.client.get(`/api/v1/apps/${app.id}/platforms/${kept.id}`)).json()).toEqual(kept);
  });
});

describe('listing app platforms', () => {
  test('pages through every platform of the app once, oldest first, with a cursor', async () => {
    const app = await anApp(api.client);
    const ids: string[] = [];
    for (const store of ['apple', 'google', 'roku', 'apple', 'google']) {
      ids.push((await anAppPlatform(api.client, app.id, { store })).id);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await api.client.get(`/api/v1/apps/${app.id}/platforms${query}`);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().data.map((platform: { id: string }) => platform.id));
      cursor = page.json().next_cursor;
      pages += 1;
    } while (cursor !== null);

    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
  });

  test('lists platforms as they are read one by one', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);

    const page = await api.client.get(`/api/v1/apps/${app.id}/platforms`);

    expect(page.json()).toEqual({ data: [platform], next_cursor: null });
  });

  test('lists only the platforms of the app asked about', async () => {
    const app = await anApp(api.client);
    const other = await anApp(api.client);
    const own = await anAppPlatform(api.client, app.id);
    await anAppPlatform(api.client, other.id);

    const page = await api.client.get(`/api/v1/apps/${app.id}/platforms`);

    expect(page.json().data.map((p: { id: string }) => p.id)).toEqual([own.id]);
  });

  test('an app without platforms gets an empty list', async () => {
    const app = await anApp(api.client);

    const page = await api.client.get(`/api/v1/apps/${app.id}/platforms`);

    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({ data: [], next_cursor: null });
  });
});
