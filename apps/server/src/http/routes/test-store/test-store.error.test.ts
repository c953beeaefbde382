import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, aProduct } from '../../../testing/catalog-builders.js';
import { countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let appId: string;
let platformId: string;

beforeAll(async () => {
  const app = await anApp(api.client);
  const platform = await anAppPlatform(api.client, app.id);
  await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'monthly' });
  await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'lifetime', type: 'non_consumable' });
  appId = app.id;
  platformId = platform.id;
});

const purchases = () => `/api/v1/apps/${appId}/test-store/purchases`;

async function aTestPurchase(sku = 'monthly'): Promise<string> {
  const response = await api.client.post(purchases(), { app_platform_id: platformId, sku_ref_id: sku });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().purchase_id;
}

describe('buying in the test store with bad input', () => {
  test.each([
    ['no app_platform_id', { app_platform_id: undefined }, 'app_platform_id'],
    ['a sku_ref_id with spaces', { sku_ref_id: 'monthly plan' }, 'sku_ref_id'],
    ['an unknown offer', { offer: 'free' }, 'offer'],
    ['a negative price', { price_micros: -1 }, 'price_micros'],
    ['a fractional price', { price_micros: 9.99 }, 'price_micros'],
    ['a lower-case currency', { currency: 'usd' }, 'currency'],
    ['a period of no days', { period_days: 0 }, 'period_days'],
    ['a time that is not one', { at: 'yesterday' }, 'at'],
    ['both user_id and external_id', { user_id: UNKNOWN_ID, external_id: 'abc' }, 'external_id'],
    ['an unknown field', { quantity: 2 }, 'quantity'],
  ])('refuses %s with 400 naming %s, and records nothing', async (_case, change, field) => {
    const before = await countRows(api.server, 'purchases');

    const response = await api.client.post(purchases(), {
      app_platform_id: platformId,
      sku_ref_id: 'monthly',
      ...change,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await countRows(api.server, 'purchases')).toBe(before);
  });

  test.each([
    ['an unknown SKU', { sku_ref_id: 'yearly' }, 'unknown_sku', 'sku_ref_id'],
    ['an unknown user', { user_id: UNKNOWN_ID }, 'unknown_user', 'user_id'],
    ['an app platform of no app of ours', { app_platform_id: UNKNOWN_ID }, 'unknown_app_platform', 'app_platform_id'],
  ])('refuses %s with 422 naming the field, and records nothing', async (_case, change, code, field) => {
    const before = await countRows(api.server, 'purchases');

    const response = await api.client.post(purchases(), {
      app_platform_id: platformId,
      sku_ref_id: 'monthly',
      ...change,
    });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
    expect(await countRows(api.server, 'purchases')).toBe(before);
  });

  test('answers 404 for an unknown app', async () => {
    const response = await api.client.post(`/api/v1/apps/${UNKNOWN_ID}/test-store/purchases`, {
      app_platform_id: platformId,
      sku_ref_id: 'monthly',
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
  });

  test('the same external id twice is one user with two purchases', async () => {
    const first = await api.client.post(purchases(), {
      app_platform_id: platformId,
      sku_ref_id: 'monthly',
      external_id: 'kim',
    });
    const second = await api.client.post(purchases(), {
      app_platform_id: platformId,
      sku_ref_id: 'lifetime',
      external_id: 'kim',
    });

    expect(second.json().user_id).toBe(first.json().user_id);
    expect(second.json().purchase_id).not.toBe(first.json().purchase_id);
  });
});

describe('driving a test purchase with bad input', () => {
  test.each([
    ['recovering a subscription whose payments never failed', [], 'recover'],
    ['renewing an expired subscription', ['expire'], 'renew'],
    ['refunding twice', ['refund'], 'refund'],
  ])('%s answers 409 step_not_possible and changes nothing', async (_case, before, action) => {
    const purchaseId = await aTestPurchase();
    for (const step of before) {
      expect((await api.client.post(`${purchases()}/${purchaseId}/actions`, { action: step })).statusCode).toBe(200);
    }
    const eventsBefore = await countRows(api.server, 'events');

    const response = await api.client.post(`${purchases()}/${purchaseId}/actions`, { action });

    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('step_not_possible');
    expect(await countRows(api.server, 'events')).toBe(eventsBefore);
  });

  test('a subscription step on a one-time purchase answers 409', async () => {
    const purchaseId = await aTestPurchase('lifetime');

    const response = await api.client.post(`${purchases()}/${purchaseId}/actions`, { action: 'renew' });

    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain('subscriptions only');
  });

  test('moving to a SKU the platform does not sell answers 422 naming sku_ref_id', async () => {
    const purchaseId = await aTestPurchase();

    const response = await api.client.post(`${purchases()}/${purchaseId}/actions`, {
      action: 'change_sku',
      sku_ref_id: 'gold',
    });

    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field: 'sku_ref_id' }));
  });

  test.each([
    ['an unknown action', { action: 'upgrade' }, 'action'],
    ['a price without a currency', { action: 'renew', price_micros: 1 }, 'currency'],
    ['an unknown field', { action: 'renew', reason: 'x' }, 'reason'],
  ])('refuses %s with 400 naming %s', async (_case, payload, field) => {
    const purchaseId = await aTestPurchase();

    const response = await api.client.post(`${purchases()}/${purchaseId}/actions`, payload);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
  });

  test('answers 404 purchase_not_found for a purchase the app does not have', async () => {
    const response = await api.client.post(`${purchases()}/${UNKNOWN_ID}/actions`, { action: 'renew' });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('purchase_not_found');
  });

  test('a step dated before the purchase’s last one is stale: it changes nothing and says so', async () => {
    const created = await api.client.post(purchases(), {
      app_platform_id: platformId,
      sku_ref_id: 'monthly',
      at: '2026-05-10T00:00:00Z',
    });
    const purchaseId = created.json().purchase_id;

    const response = await api.client.post(`${purchases()}/${purchaseId}/actions`, {
      action: 'cancel',
      at: '2026-05-01T00:00:00Z',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'stale', events: [] });
  });
});
