import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, anEntitlement, aProduct } from '../../../testing/catalog-builders.js';
import { countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let app: { id: string };
let platform: { id: string };
let entitlement: { id: string };

beforeAll(async () => {
  app = await anApp(api.client);
  platform = await anAppPlatform(api.client, app.id);
  entitlement = await anEntitlement(api.client, app.id);
});

const productCount = () => countRows(api.server, 'products');

describe('creating a SKU with bad input', () => {
  const valid = () => ({ app_platform_id: platform.id, sku_ref_id: 'com.x.ok', name: 'Ok', type: 'subscription' });

  test.each([
    ['no app_platform_id', { app_platform_id: undefined }, 'app_platform_id'],
    ['an app_platform_id that is not a UUID', { app_platform_id: 'ios' }, 'app_platform_id'],
    ['no sku_ref_id', { sku_ref_id: undefined }, 'sku_ref_id'],
    ['a sku_ref_id with spaces', { sku_ref_id: 'monthly plan' }, 'sku_ref_id'],
    ['a sku_ref_id over 150 characters', { sku_ref_id: 'x'.repeat(151) }, 'sku_ref_id'],
    ['an unknown type', { type: 'lifetime' }, 'type'],
    ['entitlement_ids that is not a list', { entitlement_ids: 'premium' }, 'entitlement_ids'],
    ['an entitlement id that is not a UUID', { entitlement_ids: ['premium'] }, 'entitlement_ids.0'],
    ['an unknown field', { price: 9.99 }, 'price'],
  ])('rejects %s with 400 naming %s, and stores nothing', async (_case, change, field) => {
    const before = await productCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/products`, { ...valid(), ...change });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await productCount()).toBe(before);
  });

  test('rejects an app platform of another app with 422 naming app_platform_id', async () => {
    const other = await anApp(api.client);
    const otherPlatform = await anAppPlatform(api.client, other.id);
    const before = await productCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/products`, {
      ...valid(),
      app_platform_id: otherPlatform.id,
    });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'unknown_app_platform',
      errors: [{ location: 'body', field: 'app_platform_id' }],
    });
    expect(await productCount()).toBe(before);
  });

  test('rejects an entitlement of another app with 422 naming its position', async () => {
    const other = await anApp(api.client);
    const foreign = await anEntitlement(api.client, other.id);
    const before = await productCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/products`, {
      ...valid(),
      entitlement_ids: [entitlement.id, foreign.id, UNKNOWN_ID],
    });

    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('unknown_entitlement');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'entitlement_ids.1',
      'entitlement_ids.2',
    ]);
    expect(await productCount()).toBe(before);
  });

  test('rejects a sku_ref_id the platform already sells with 409, and keeps the first SKU as it was', async () => {
    const first = await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'com.x.taken', name: 'First' });

    const response = await api.client.post(`/api/v1/apps/${app.id}/products`, {
      ...valid(),
      sku_ref_id: 'com.x.taken',
      name: 'Second',
    });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'sku_ref_id_taken', errors: [{ field: 'sku_ref_id' }] });
    expect((await api.client.get(`/api/v1/apps/${app.id}/products/${first.id}`)).json()).toEqual(first);
  });

  test('answers 404 for an unknown app', async () => {
    const response = await api.client.post(`/api/v1/apps/${UNKNOWN_ID}/products`, valid());

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
  });
});

describe('changing a SKU with bad input', () => {
  test('rejects an unknown entitlement with 422 and changes nothing, not even the other fields', async () => {
    const product = await aProduct(api.client, app.id, platform.id, {
      name: 'Kept',
      entitlement_ids: [entitlement.id],
    });

    const response = await api.client.patch(`/api/v1/apps/${app.id}/products/${product.id}`, {
      name: 'Changed',
      entitlement_ids: [UNKNOWN_ID],
    });

    expect(response.statusCode).toBe(422);
    expect((await api.client.get(`/api/v1/apps/${app.id}/products/${product.id}`)).json()).toEqual(product);
  });

  test('rejects moving a SKU to another app platform: app_platform_id is not a field to change', async () => {
    const product = await aProduct(api.client, app.id, platform.id);
    const other = await anAppPlatform(api.client, app.id);

    const response = await api.client.patch(`/api/v1/apps/${app.id}/products/${product.id}`, {
      app_platform_id: other.id,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({
      location: 'body',
      field: 'app_platform_id',
      message: 'Unknown field',
    });
  });

  test('rejects taking a sku_ref_id another SKU of the platform has, with 409', async () => {
    await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'com.x.one' });
    const two = await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'com.x.two' });

    const response = await api.client.patch(`/api/v1/apps/${app.id}/products/${two.id}`, { sku_ref_id: 'com.x.one' });

    expect(response.statusCode).toBe(409);
    expect((await api.client.get(`/api/v1/apps/${app.id}/products/${two.id}`)).json().sku_ref_id).toBe('com.x.two');
  });

  test.each([
    ['get', 'GET'],
    ['update', 'PATCH'],
    ['delete', 'DELETE'],
  ])('answers %s of an unknown SKU with 404 product_not_found', async (_case, method) => {
    const response = await api.client.call({
      method: method as 'GET' | 'PATCH' | 'DELETE',
      url: `/api/v1/apps/${app.id}/products/${UNKNOWN_ID}`,
      ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('product_not_found');
  });

  test('answers a malformed product id with 400 naming productId', async () => {
    const response = await api.client.get(`/api/v1/apps/${app.id}/products/42`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ location: 'params', field: 'productId', message: 'Must be a UUID' }]);
  });

  test('rejects a list filter that is not a UUID', async () => {
    const response = await api.client.get(`/api/v1/apps/${app.id}/products?app_platform_id=ios`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: 'querystring', field: 'app_platform_id' }),
    );
  });
});
