import { describe, expect, test } from 'vitest';
import { anApp, anEntitlement } from '../../../testing/catalog-builders.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

describe('entitlements', () => {
  test('creates an entitlement with a description and reads it back', async () => {
    const app = await anApp(api.client);

    const response = await api.client.post(`/api/v1/apps/${app.id}/entitlements`, {
      entitlement_ref_id: 'pro',
      name: 'Pro',
      description: 'Everything, without ads',
    });

    expect(response.statusCode).toBe(201);
    const entitlement = response.json();
    expect(entitlement).toMatchObject({
      app_id: app.id,
      entitlement_ref_id: 'pro',
      name: 'Pro',
      description: 'Everything, without ads',
    });
    expect(entitlement.created_at).toBe(entitlement.updated_at);
    expect((await api.client.get(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`)).json()).toEqual(entitlement);
  });

  test('without a description, the description is empty', async () => {
    const app = await anApp(api.client);

    const response = await api.client.post(`/api/v1/apps/${app.id}/entitlements`, {
      entitlement_ref_id: 'pro',
      name: 'Pro',
    });

    expect(response.statusCode).toBe(201);
    expect(response.json().description).toBe('');
  });

  test('trims the name and the description', async () => {
    const app = await anApp(api.client);

    const entitlement = await anEntitlement(api.client, app.id, { name: '  Pro  ', description: '\n No ads \n' });

    expect(entitlement).toMatchObject({ name: 'Pro', description: 'No ads' });
  });

  test.each([
    ['letters, digits, ".", "_", "-" and ":"', 'com.example:pro_tier-2'],
    ['a digit first', '1year'],
    ['exactly 150 characters', `p${'x'.repeat(149)}`],
  ])('accepts an entitlement_ref_id with %s', async (_case, refId) => {
    const app = await anApp(api.client);

    const entitlement = await anEntitlement(api.client, app.id, { entitlement_ref_id: refId });

    expect(entitlement.entitlement_ref_id).toBe(refId);
  });

  test('accepts a description of exactly 2000 characters', async () => {
    const app = await anApp(api.client);

    const entitlement = await anEntitlement(api.client, app.id, { description: 'd'.repeat(2000) });

    expect(entitlement.description).toHaveLength(2000);
  });

  test('two apps may each have an entitlement with the same entitlement_ref_id', async () => {
    const one = await anApp(api.client);
    const two = await anApp(api.client);
    const first = await anEntitlement(api.client, one.id, { entitlement_ref_id: 'premium' });

    const response = await api.client.post(`/api/v1/apps/${two.id}/entitlements`, {
      entitlement_ref_id: 'premium',
      name: 'Premium',
    });

    expect(response.statusCode).toBe(201);
    expect(response.json().id).not.toBe(first.id);
    expect((await api.client.get(`/api/v1/apps/${one.id}/entitlements/${first.id}`)).json()).toEqual(first);
  });
});

describe('changing entitlements', () => {
  test.each([
    ['entitlement_ref_id', { entitlement_ref_id: 'gold' }],
    ['name', { name: 'Gold' }],
    ['description', { description: 'Shiny' }],
  ])('changes the %s alone and moves updated_at', async (_field, change) => {
    const app = await anApp(api.client);
    const entitlement = await anEntitlement(api.client, app.id, { description: 'Before' });
    api.server.advanceClock(1000);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`, change);

    expect(response.statusCode).toBe(200);
    const updated = response.json();
    expect(updated).toEqual({ ...entitlement, ...change, updated_at: updated.updated_at });
    expect(updated.updated_at > String(entitlement.updated_at)).toBe(true);
    expect((await api.client.get(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`)).json()).toEqual(updated);
  });

  test('changes every field at once', async () => {
    const app = await anApp(api.client);
    const entitlement = await anEntitlement(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`, {
      entitlement_ref_id: 'platinum',
      name: 'Platinum',
      description: 'The top tier',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: entitlement.id,
      entitlement_ref_id: 'platinum',
      name: 'Platinum',
      description: 'The top tier',
    });
  });

  test('clears the description with an empty one', async () => {
    const app = await anApp(api.client);
    const entitlement = await anEntitlement(api.client, app.id, { description: 'To be removed' });

    const response = await api.client.patch(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`, {
      description: '',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().description).toBe('');
  });

  test('an update that keeps its own entitlement_ref_id is not a conflict', async () => {
    const app = await anApp(api.client);
    const entitlement = await anEntitlement(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`, {
      entitlement_ref_id: entitlement.entitlement_ref_id,
      name: 'Same ref, new name',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().name).toBe('Same ref, new name');
  });

  test('a renamed entitlement frees its old entitlement_ref_id for a new one', async () => {
    const app = await anApp(api.client);
    const entitlement = await anEntitlement(api.client, app.id, { entitlement_ref_id: 'old' });
    await api.client.patch(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`, { entitlement_ref_id: 'new' });

    const response = await api.client.post(`/api/v1/apps/${app.id}/entitlements`, {
      entitlement_ref_id: 'old',
      name: 'Old',
    });

    expect(response.statusCode).toBe(201);
  });

  test('deletes an entitlement that no SKU grants', async () => {
    const app = await anApp(api.client);
    const entitlement = await anEntitlement(api.client, app.id);

    const response = await api.client.delete(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`);

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const after = await api.client.get(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`);
    expect(after.statusCode).toBe(404);
    expect(after.json().code).toBe('entitlement_not_found');
  });

  test('a deleted entitlement frees its entitlement_ref_id', async () => {
    const app = await anApp(api.client);
    const entitlement = await anEntitlement(api.client, app.id, { entitlement_ref_id: 'reused' });
    await api.client.delete(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`);

    const response = await api.client.post(`/api/v1/apps/${app.id}/entitlements`, {
      entitlement_ref_id: 'reused',
      name: 'Reused',
    });

    expect(response.statusCode).toBe(201);
  });
});

describe('listing entitlements', () => {
  test('pages through every entitlement of the app once, oldest first, with a cursor', async () => {
    const app = await anApp(api.client);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push((await anEntitlement(api.client, app.id)).id);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await api.client.get(`/api/v1/apps/${app.id}/entitlements${query}`);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().data.map((entitlement: { id: string }) => entitlement.id));
      cursor = page.json().next_cursor;
      pages += 1;
    } while (cursor !== null);

    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
  });

  test('the last page has no cursor', async () => {
    const app = await anApp(api.client);
    await anEntitlement(api.client, app.id);
    await anEntitlement(api.client, app.id);

    const page = await api.client.get(`/api/v1/apps/${app.id}/entitlements?limit=2`);

    expect(page.json().data).toHaveLength(2);
    expect(page.json().next_cursor).toBeNull();
  });

  test('lists entitlements as they are read one by one, and only those of the app asked about', async () => {
    const app = await anApp(api.client);
    const other = await anApp(api.client);
    const own = await anEntitlement(api.client, app.id);
    await anEntitlement(api.client, other.id);

    const page = await api.client.get(`/api/v1/apps/${app.id}/entitlements`);

    expect(page.json()).toEqual({ data: [own], next_cursor: null });
  });

  test('an app without entitlements gets an empty list', async () => {
    const app = await anApp(api.client);

    const page = await api.client.get(`/api/v1/apps/${app.id}/entitlements`);

    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({ data: [], next_cursor: null });
  });
});
