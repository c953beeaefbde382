import { describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, anEntitlement, aProduct } from '../../../testing/catalog-builders.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

describe('product SKUs', () => {
  test('creates a SKU that grants entitlements, listed by reference id', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    const pro = await anEntitlement(api.client, app.id, { entitlement_ref_id: 'pro', name: 'Pro' });
    const basic = await anEntitlement(api.client, app.id, { entitlement_ref_id: 'basic', name: 'Basic' });

    const response = await api.client.post(`/api/v1/apps/${app.id}/products`, {
      app_platform_id: platform.id,
      sku_ref_id: 'com.example.annual',
      name: 'Annual',
      type: 'subscription',
      entitlement_ids: [pro.id, basic.id, pro.id],
    });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      app_id: app.id,
      app_platform_id: platform.id,
      sku_ref_id: 'com.example.annual',
      type: 'subscription',
      entitlements: [
        { id: basic.id, entitlement_ref_id: 'basic', name: 'Basic' },
        { id: pro.id, entitlement_ref_id: 'pro', name: 'Pro' },
      ],
    });
    expect((await api.client.get(`/api/v1/apps/${app.id}/products/${response.json().id}`)).json()).toEqual(
      response.json(),
    );
  });

  test.each(['subscription', 'non_consumable', 'consumable'])(
    'accepts the %s type, granting nothing by default',
    async (type) => {
      const app = await anApp(api.client);
      const platform = await anAppPlatform(api.client, app.id);

      const product = await aProduct(api.client, app.id, platform.id, { type });

      expect(product).toMatchObject({ type, entitlements: [] });
    },
  );

  test('the same sku_ref_id may exist on two platforms of one app', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id);
    const android = await anAppPlatform(api.client, app.id, {
      store: 'google',
      marketplace_app_id: 'com.example.android',
    });

    await aProduct(api.client, app.id, ios.id, { sku_ref_id: 'monthly' });
    const second = await api.client.post(`/api/v1/apps/${app.id}/products`, {
      app_platform_id: android.id,
      sku_ref_id: 'monthly',
      name: 'Monthly',
      type: 'subscription',
    });

    expect(second.statusCode).toBe(201);
  });

  test('an update with entitlement_ids replaces what the SKU grants', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    const first = await anEntitlement(api.client, app.id);
    const second = await anEntitlement(api.client, app.id);
    const product = await aProduct(api.client, app.id, platform.id, { entitlement_ids: [first.id] });

    const response = await api.client.patch(`/api/v1/apps/${app.id}/products/${product.id}`, {
      name: 'Renamed',
      entitlement_ids: [second.id],
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Renamed', entitlements: [{ id: second.id }] });
  });

  test('an update without entitlement_ids keeps what the SKU grants', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    const entitlement = await anEntitlement(api.client, app.id);
    const product = await aProduct(api.client, app.id, platform.id, { entitlement_ids: [entitlement.id] });

    const response = await api.client.patch(`/api/v1/apps/${app.id}/products/${product.id}`, {
      type: 'non_consumable',
    });

    expect(response.json()).toMatchObject({ type: 'non_consumable', entitlements: [{ id: entitlement.id }] });
  });

  test('deletes a SKU; the entitlement it granted stays', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    const entitlement = await anEntitlement(api.client, app.id);
    const product = await aProduct(api.client, app.id, platform.id, { entitlement_ids: [entitlement.id] });

    const response = await api.client.delete(`/api/v1/apps/${app.id}/products/${product.id}`);

    expect(response.statusCode).toBe(204);
    expect((await api.client.get(`/api/v1/apps/${app.id}/products/${product.id}`)).statusCode).toBe(404);
    expect((await api.client.get(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`)).statusCode).toBe(200);
  });

  test('lists SKUs page by page, and by app platform', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id);
    const android = await anAppPlatform(api.client, app.id, {
      store: 'google',
      marketplace_app_id: 'com.example.droid',
    });
    const skus = [];
    for (const platform of [ios, android, ios]) {
      skus.push((await aProduct(api.client, app.id, platform.id)).id);
    }

    const first = await api.client.get(`/api/v1/apps/${app.id}/products?limit=2`);
    const second = await api.client.get(`/api/v1/apps/${app.id}/products?limit=2&cursor=${first.json().next_cursor}`);
    const iosOnly = await api.client.get(`/api/v1/apps/${app.id}/products?app_platform_id=${ios.id}`);

    const ids = (page: typeof first) => page.json().data.map((p: { id: string }) => p.id);
    expect([...ids(first), ...ids(second)]).toEqual(skus);
    expect(second.json().next_cursor).toBeNull();
    expect(ids(iosOnly)).toEqual([skus[0], skus[2]]);
  });
});

describe('entitlements granted by SKUs', () => {
  test('refuses to delete an entitlement a SKU grants, with 409 naming the SKU, and keeps both', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    const entitlement = await anEntitlement(api.client, app.id);
    const product = await aProduct(api.client, app.id, platform.id, {
      sku_ref_id: 'com.x.gold',
      entitlement_ids: [entitlement.id],
    });

    const response = await api.client.delete(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}`);

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'entitlement_in_use' });
    expect(response.json().detail).toContain('com.x.gold');
    const after = await api.client.get(`/api/v1/apps/${app.id}/products/${product.id}`);
    expect(after.json().entitlements).toEqual([expect.objectContaining({ id: entitlement.id })]);
  });

  test('with force=true deletes the entitlement and takes it away from the SKUs', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    const entitlement = await anEntitlement(api.client, app.id);
    const product = await aProduct(api.client, app.id, platform.id, { entitlement_ids: [entitlement.id] });

    const response = await api.client.delete(`/api/v1/apps/${app.id}/entitlements/${entitlement.id}?force=true`);

    expect(response.statusCode).toBe(204);
    expect((await api.client.get(`/api/v1/apps/${app.id}/products/${product.id}`)).json().entitlements).toEqual([]);
  });

  test('refuses to delete an app platform that sells SKUs, unless forced, which deletes them', async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    const product = await aProduct(api.client, app.id, platform.id);

    const refused = await api.client.delete(`/api/v1/apps/${app.id}/platforms/${platform.id}`);
    const forced = await api.client.delete(`/api/v1/apps/${app.id}/platforms/${platform.id}?force=true`);

    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('app_platform_in_use');
    expect(forced.statusCode).toBe(204);
    expect((await api.client.get(`/api/v1/apps/${app.id}/products/${product.id}`)).statusCode).toBe(404);
  });
});
