import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform, aProduct } from '../../../testing/catalog-builders.js';
import { revenueOf } from '../../../testing/engine-readers.js';
import { anOrganization, apiClient, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let appId: string;
let platformId: string;

beforeAll(async () => {
  const app = await anApp(api.client);
  const platform = await anAppPlatform(api.client, app.id);
  await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'monthly' });
  appId = app.id;
  platformId = platform.id;
});

async function buy(currency: string, at: string, priceMicros = 10_000_000): Promise<string> {
  const response = await api.client.post(`/api/v1/apps/${appId}/test-store/purchases`, {
    app_platform_id: platformId,
    sku_ref_id: 'monthly',
    currency,
    price_micros: priceMicros,
    at,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().user_id;
}

async function lifetimeValue(userId: string): Promise<number> {
  const user = await api.server.database.db
    .selectFrom('users')
    .select('lifetime_value_usd_micros')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return user.lifetime_value_usd_micros;
}

describe('exchange rates', () => {
  test('Tollgate ships a rate for the common store currencies', async () => {
    const response = await api.client.get('/api/v1/exchange-rates');

    expect(response.statusCode).toBe(200);
    const byCurrency = Object.fromEntries(
      response.json().data.map((rate: { currency: string }) => [rate.currency, rate]),
    );
    expect(byCurrency.USD).toEqual({ currency: 'USD', day: '2025-01-01', usd_per_unit: 1, source: 'shipped' });
    expect(byCurrency.EUR).toMatchObject({ source: 'shipped' });
    expect(Object.keys(byCurrency).length).toBeGreaterThan(30);
  });

  test("revenue in another currency is valued in US dollars at that day's rate, and adds to lifetime value", async () => {
    const userId = await buy('GBP', '2026-02-01T00:00:00Z');

    const [row] = await revenueOf(api.server, userId);

    expect(row).toMatchObject({ amount_micros: 10_000_000, currency: 'GBP', usd_micros: 12_700_000 });
    expect(await lifetimeValue(userId)).toBe(12_700_000);
  });

  test('revenue in a currency without a rate has no USD value until one is added, then gets it', async () => {
    const userId = await buy('ISK', '2026-02-01T00:00:00Z', 1_000_000_000);
    expect((await revenueOf(api.server, userId))[0]?.usd_micros).toBeNull();
    expect(await lifetimeValue(userId)).toBe(0);

    const response = await api.client.call({
      method: 'PUT',
      url: '/api/v1/exchange-rates',
      payload: { rates: [{ currency: 'ISK', day: '2026-01-01', usd_per_unit: 0.0072 }] },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ rates: 1, revenue_valued: 1 });
    expect((await revenueOf(api.server, userId))[0]?.usd_micros).toBe(7_200_000);
    expect(await lifetimeValue(userId)).toBe(7_200_000);
  });

  test("an organization's own rate values revenue from its day on; earlier revenue keeps its value", async () => {
    const before = await buy('CHF', '2026-03-01T00:00:00Z');
    await api.client.call({
      method: 'PUT',
      url: '/api/v1/exchange-rates',
      payload: { rates: [{ currency: 'CHF', day: '2026-04-01', usd_per_unit: 1.25 }] },
    });

    const after = await buy('CHF', '2026-04-02T00:00:00Z');

    expect((await revenueOf(api.server, before))[0]?.usd_micros).toBe(11_200_000);
    expect((await revenueOf(api.server, after))[0]?.usd_micros).toBe(12_500_000);
    const history = (await api.client.get('/api/v1/exchange-rates?currency=CHF')).json().data;
    expect(history).toEqual([
      { currency: 'CHF', day: '2026-04-01', usd_per_unit: 1.25, source: 'organization' },
      { currency: 'CHF', day: '2025-01-01', usd_per_unit: 1.12, source: 'shipped' },
    ]);
  });

  test("another organization's rates are its own", async () => {
    await api.client.call({
      method: 'PUT',
      url: '/api/v1/exchange-rates',
      payload: { rates: [{ currency: 'SEK', day: '2026-01-01', usd_per_unit: 0.5 }] },
    });
    const other = apiClient(api.server, (await anOrganization(api.server)).apiKey);

    const seen = (await other.get('/api/v1/exchange-rates?currency=SEK')).json().data;

    expect(seen).toEqual([{ currency: 'SEK', day: '2025-01-01', usd_per_unit: 0.095, source: 'shipped' }]);
  });

  test.each([
    ['a lower-case currency', { rates: [{ currency: 'eur', day: '2026-01-01', usd_per_unit: 1 }] }, 'rates.0.currency'],
    ['an impossible day', { rates: [{ currency: 'EUR', day: '2026-02-30', usd_per_unit: 1 }] }, 'rates.0.day'],
    ['a rate of zero', { rates: [{ currency: 'EUR', day: '2026-01-01', usd_per_unit: 0 }] }, 'rates.0.usd_per_unit'],
    ['no rates', { rates: [] }, 'rates'],
    [
      'an unknown field',
      { rates: [{ currency: 'EUR', day: '2026-01-01', usd_per_unit: 1, source: 'ecb' }] },
      'rates.0.source',
    ],
  ])('refuses %s with 400 naming %s, and changes no rate', async (_case, payload, field) => {
    const before = (await api.client.get('/api/v1/exchange-rates')).body;

    const response = await api.client.call({ method: 'PUT', url: '/api/v1/exchange-rates', payload });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect((await api.client.get('/api/v1/exchange-rates')).body).toBe(before);
  });

  test('refuses a currency filter that is not a code, naming it', async () => {
    const response = await api.client.get('/api/v1/exchange-rates?currency=euro');

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: 'querystring', field: 'currency' }),
    );
  });
});
