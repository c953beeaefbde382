import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, aProduct } from '../../../testing/catalog-builders.js';
import { aPaywall, aPlatformWithProducts, paywallContent } from '../../../testing/paywall-builders.js';
import { anOrganization, apiClient, countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let app: { id: string };
let platform: { id: string };
let productIds: string[];

beforeAll(async () => {
  app = await anApp(api.client);
  const catalog = await aPlatformWithProducts(api.client, app.id);
  platform = catalog.platform;
  productIds = [catalog.monthly.id, catalog.annual.id];
});

const valid = () => paywallContent({ platformId: platform.id, productIds });
const paywallCount = () => countRows(api.server, 'paywalls');

describe('creating a paywall with bad input', () => {
  test.each([
    ['no name', 'name', () => ({ name: undefined })],
    ['no content', 'content', () => ({ content: undefined })],
    ['an unknown template', 'content.template', () => ({ content: { ...valid(), template: 'carousel' } })],
    ['no copy for the default locale', 'content.copy.de', () => ({ content: { ...valid(), default_locale: 'de' } })],
    [
      'a call to action that is too long',
      'content.copy.en.call_to_action',
      () => ({ content: { ...valid(), copy: { en: { title: 'x', call_to_action: 'y'.repeat(41) } } } }),
    ],
    [
      'a highlighted SKU that is not offered',
      'content.products.0.highlighted_product_id',
      () => ({
        content: {
          ...valid(),
          products: [{ app_platform_id: platform.id, product_ids: productIds, highlighted_product_id: UNKNOWN_ID }],
        },
      }),
    ],
    ['an unknown field', 'price', () => ({ price: 3 })],
  ])('rejects %s with 400 naming %s, and stores nothing', async (_case, field, change) => {
    const before = await paywallCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/paywalls`, {
      name: 'P',
      content: valid(),
      ...change(),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await paywallCount()).toBe(before);
  });

  test('rejects unknown SKUs, SKUs of another platform and unknown images with 422 naming each', async () => {
    const android = await anAppPlatform(api.client, app.id, { store: 'google', marketplace_app_id: 'com.example.tv' });
    const androidSku = await aProduct(api.client, app.id, android.id);
    const before = await paywallCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/paywalls`, {
      name: 'P',
      content: {
        ...valid(),
        images: { hero: UNKNOWN_ID },
        products: [
          {
            app_platform_id: platform.id,
            product_ids: [productIds[0], UNKNOWN_ID, androidSku.id],
            highlighted_product_id: productIds[0],
          },
        ],
      },
    });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'unknown_reference' });
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'content.products.0.product_ids.1',
      'content.products.0.product_ids.2',
      'content.images.hero',
    ]);
    expect(await paywallCount()).toBe(before);
  });

  test("rejects another app's platform with 422", async () => {
    const other = await anApp(api.client);
    const { platform: foreign, monthly } = await aPlatformWithProducts(api.client, other.id);

    const response = await api.client.post(`/api/v1/apps/${app.id}/paywalls`, {
      name: 'P',
      content: paywallContent({ platformId: foreign.id, productIds: [monthly.id] }),
    });

    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'content.products.0.app_platform_id' })]);
  });
});

describe('changing a paywall with bad input keeps what was stored', () => {
  test('an invalid draft is a 400 and the stored draft stays', async () => {
    const paywall = await aPaywall(api.client, app.id, valid());
    const url = `/api/v1/apps/${app.id}/paywalls/${paywall.id}`;
    const before = (await api.client.get(url)).json();

    const empty = await api.client.patch(url, {});
    const bad = await api.client.patch(url, { content: { ...valid(), dismissible: 'yes' } });

    expect(empty.statusCode).toBe(400);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toContainEqual(expect.objectContaining({ field: 'content.dismissible' }));
    expect((await api.client.get(url)).json()).toEqual(before);
  });

  test('publishing a draft whose SKU was deleted since is a 409 naming it; the published version stays', async () => {
    const sku = await aProduct(api.client, app.id, platform.id);
    const paywall = await aPaywall(
      api.client,
      app.id,
      paywallContent({ platformId: platform.id, productIds: [sku.id] }),
    );
    const url = `/api/v1/apps/${app.id}/paywalls/${paywall.id}`;
    await api.client.post(`${url}/publish`);
    await api.client.delete(`/api/v1/apps/${app.id}/products/${sku.id}`);

    const response = await api.client.post(`${url}/publish`);

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'reference_gone' });
    expect(response.json().detail).toContain('products.0.product_ids.0');
    expect((await api.client.get(url)).json()).toMatchObject({ published_version: 1 });
  });

  test.each([
    ['a version that does not exist', '7', 404, 'paywall_version_not_found'],
    ['a version that is not a number', 'latest', 400, 'validation_failed'],
  ])('restoring %s is a %i', async (_case, version, status, code) => {
    const paywall = await aPaywall(api.client, app.id, valid());

    const response = await api.client.post(`/api/v1/apps/${app.id}/paywalls/${paywall.id}/versions/${version}/restore`);

    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
  });
});

describe('paywalls of other apps and organizations', () => {
  test.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['POST', '/publish'],
    ['GET', '/versions'],
  ])('%s an unknown paywall%s is a 404', async (method, suffix) => {
    const response = await api.client.call({
      method: method as 'GET',
      url: `/api/v1/apps/${app.id}/paywalls/${UNKNOWN_ID}${suffix}`,
      ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('paywall_not_found');
  });

  test("another organization's paywall is not found, and its key cannot change it", async () => {
    const paywall = await aPaywall(api.client, app.id, valid());
    const stranger = apiClient(api.server, (await anOrganization(api.server)).apiKey);

    const read = await stranger.get(`/api/v1/apps/${app.id}/paywalls/${paywall.id}`);
    const publish = await stranger.post(`/api/v1/apps/${app.id}/paywalls/${paywall.id}/publish`);

    expect(read.statusCode).toBe(404);
    expect(publish.statusCode).toBe(404);
    expect((await api.client.get(`/api/v1/apps/${app.id}/paywalls/${paywall.id}`)).json().published_version).toBeNull();
  });
});
