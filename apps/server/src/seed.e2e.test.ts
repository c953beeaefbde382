import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { testDriver } from '@tollgate/testkit';
import { describe, expect, test } from 'vitest';
import { useTollgateCli } from './testing/cli-harness.js';
import { readyUrl, waitFor } from './testing/cli-process.js';

// `tollgate seed` as a user runs it, read back through the admin API.

const { env, start, stop, printed } = useTollgateCli();

interface Customer {
  user_id: string;
  external_id: string | null;
  app_sessions: number;
  platforms: string[];
}

async function get<T>(url: string, apiKey: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

async function seededApps(url: string, apiKey: string) {
  const { data } = await get<{ data: { id: string; name: string }[] }>(`${url}/api/v1/apps?limit=100`, apiKey);
  return data.filter((app) => app.name.startsWith('Demo radio'));
}

async function customersOf(url: string, apiKey: string, appId: string): Promise<Customer[]> {
  const { data } = await get<{ data: Customer[] }>(`${url}/api/v1/apps/${appId}/customers?limit=100`, apiKey);
  return data;
}

/** The customers who have a device: the seeded ones, without the anonymous users left by sign-ins. */
const withDevices = (customers: Customer[]) => customers.filter((customer) => customer.platforms.length > 0);

describe('tollgate seed', () => {
  test('fills a demo app through the running Tollgate at --url: customers with devices, sessions and purchases', async () => {
    const server = start(['all']);
    const url = await readyUrl(server);
    const apiKey = printed(server, 'Admin API key');

    const seed = start(['seed', '--users', '8', '--seed', '5', '--url', url], { TOLLGATE_API_KEY: apiKey });

    expect(await seed.exited, seed.output()).toBe(0);
    expect(seed.output()).toMatch(/customers \[#{30}\] 8\/8/);
    expect(seed.output()).toMatch(/Seeded 8 customers into the app "Demo radio \(seed 5\)"/);
    const [app] = await seededApps(url, apiKey);
    const customers = withDevices(await customersOf(url, apiKey, app?.id ?? ''));
    expect(customers).toHaveLength(8);
    expect(customers.some((customer) => customer.external_id?.startsWith('listener-'))).toBe(true);
    expect(customers.some((customer) => customer.app_sessions > 0)).toBe(true);
    const details = await Promise.all(
      customers.map((customer) =>
        get<{ usage: { purchases: number } }>(`${url}/api/v1/apps/${app?.id}/customers/${customer.user_id}`, apiKey),
      ),
    );
    expect(details.some((detail) => detail.usage.purchases > 0)).toBe(true);
    // Buyers saw the onboarding A/B test first: its results show them.
    const campaigns = await get<{ data: { id: string; name: string }[] }>(
      `${url}/api/v1/apps/${app?.id}/campaigns`,
      apiKey,
    );
    const onboarding = campaigns.data.find((campaign) => campaign.name.startsWith('Onboarding'));
    const day = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);
    const results = await get<{ variants: { impressions: number; purchases: number; trials: number }[] }>(
      `${url}/api/v1/apps/${app?.id}/campaigns/${onboarding?.id}/results?from=${day(365 * 86_400_000)}&to=${day(0)}`,
      apiKey,
    );
    expect(results.variants.map((variant) => variant.impressions).reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(results.variants.some((variant) => variant.purchases + variant.trials > 0)).toBe(true);
  });

  test('in this database, the same seed makes the same customers, and its API key does not outlive it', async () => {
    const first = start(['seed', '--users', '6', '--seed', '11']);
    expect(await first.exited, first.output()).toBe(0);
    const second = start(['seed', '--users', '6', '--seed', '11']);
    expect(await second.exited, second.output()).toBe(0);
    const apiKey = printed(first, 'Admin API key');

    const server = start(['serve']);
    const url = await readyUrl(server);
    const apps = await seededApps(url, apiKey);
    expect(apps).toHaveLength(2);
    const shapes = await Promise.all(
      apps.map(async (app) =>
        withDevices(await customersOf(url, apiKey, app.id))
          .map((customer) => [customer.external_id, customer.app_sessions, customer.platforms.join()].join(' '))
          .sort(),
      ),
    );
    expect(shapes[0]).toHaveLength(6);
    expect(shapes[0]).toEqual(shapes[1]);
    const { data: keys } = await get<{ data: { name: string; revoked_at: string | null }[] }>(
      `${url}/api/v1/api-keys`,
      apiKey,
    );
    const seedKeys = keys.filter((key) => key.name === 'tollgate seed');
    expect(seedKeys).toHaveLength(2);
    expect(seedKeys.every((key) => key.revoked_at !== null)).toBe(true);
    expect(await stop(server)).toBe(0);
  });

  test.runIf(testDriver() === 'pglite')(
    'while a Tollgate holds the embedded database, seeds that one through its API, with a key that ends with it',
    async () => {
      const server = start(['all']);
      const url = await readyUrl(server);
      const apiKey = printed(server, 'Admin API key');

      const seed = start(['seed', '--users', '3', '--seed', '2']);

      expect(await seed.exited, seed.output()).toBe(0);
      expect(seed.output()).toContain(`Tollgate is running on this data: seeding it at ${url}`);
      const [app] = await seededApps(url, apiKey);
      expect(withDevices(await customersOf(url, apiKey, app?.id ?? ''))).toHaveLength(3);
      const localKeys = async () =>
        (
          await get<{ data: { name: string; revoked_at: string | null }[] }>(`${url}/api/v1/api-keys`, apiKey)
        ).data.filter((key) => key.name === 'local CLI');
      expect((await localKeys()).map((key) => key.revoked_at)).toEqual([null]);
      const file = join(env().TOLLGATE_DATA_DIR ?? '', 'local-admin.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);

      expect(await stop(server)).toBe(0);
      expect(existsSync(file)).toBe(false);
      const again = start(['serve']);
      const urlAgain = await readyUrl(again);
      const keys = (
        await get<{ data: { name: string; revoked_at: string | null }[] }>(`${urlAgain}/api/v1/api-keys`, apiKey)
      ).data.filter((key) => key.name === 'local CLI');
      // The first one revoked when its process stopped; the one of the process running now, live.
      expect(keys.map((key) => key.revoked_at === null).sort()).toEqual([false, true]);
    },
  );

  test.runIf(testDriver() === 'pglite')(
    'while a worker alone holds the embedded database, says how to seed it instead',
    async () => {
      const worker = start(['work']);
      await waitFor(() => (/worker started/.test(worker.output()) ? true : undefined), 30_000, worker);

      const seed = start(['seed', '--users', '3']);

      expect(await seed.exited).toBe(1);
      expect(seed.output()).toMatch(/in use by process \d+/);
      expect(seed.output()).toContain('TOLLGATE_API_KEY=<admin API key> tollgate seed --users 3 --url');
    },
  );

  test.each([
    [['seed'], 'seed needs --users'],
    [['seed', '--users', '0'], 'seed needs --users'],
    [['seed', '--users', 'many'], 'seed needs --users'],
    [['seed', '--users', '5', '--seed=-1'], '--seed must be a whole number'],
    [['seed', '--users', '5', '--colour'], "Unknown option '--colour'"],
    [['seed', '--users', '5', '--url', 'http://127.0.0.1:9'], 'seed --url needs TOLLGATE_API_KEY'],
  ])('%j exits 2 and says what is wrong', async (args, message) => {
    const seed = start(args, { TOLLGATE_API_KEY: '' });

    expect(await seed.exited).toBe(2);
    expect(seed.output()).toContain(message);
  });
});
