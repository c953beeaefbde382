import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { connect, readMigrations } from '@tollgate/db';
import { startPostgres } from '@tollgate/testkit';
import pg from 'pg';
import { type CustomerFilter, listCustomers } from '../../apps/server/src/queries/customers.js';
import type { TimeKey } from '../../apps/server/src/queries/time-keyset.js';
import { adminCall } from './api.js';
import { customersScreen, OPERATOR } from './customers-screen.js';
import type { Figure } from './harness.js';
import { type RunningTollgate, startTollgate } from './tollgate.js';

const USERS = 1_000_000;
/** The Control Center figure's baseline: an app of a thousand users beside it, loaded alike. */
const SMALL_USERS = 1_000;
/** Bump when the load below changes; a new migration reloads too. */
// The schema as its migrations' checksums: an edited migration makes a new data set too.
const DATA_VERSION = `3/${createHash('sha256')
  .update(
    readMigrations()
      .map((migration) => migration.checksum)
      .join(),
  )
  .digest('hex')}/${USERS}`;
const SAMPLES = 200;
const PAGE = 50;

interface Loaded {
  appId: string;
  /** The app of `SMALL_USERS`. */
  smallAppId: string;
  apiKey: string;
  /** How the data set came to be: loaded in this run, or kept from an earlier one. */
  note: string;
}

interface Case {
  name: string;
  /** A different existing value each time, so that no answer is served from a warm row alone. */
  next(): { filter: CustomerFilter; after: TimeKey | null };
}

/**
 * The customers list at 1M users, on PostgreSQL: p95 latency through Tollgate's HTTP API for
 * each filter, the first page and a deep page, beside the same query (listCustomers) run
 * directly; then the Control Center's customers screen in a browser, beside an app of 1,000.
 * The users are bulk-loaded once into a cluster kept in `.bench/` and reused.
 */
export async function customersList(repoRoot: string): Promise<{ figures: Figure[]; note: string }> {
  const postgres = await startPostgres({ dataDir: join(repoRoot, '.bench', 'customers-postgres') });
  try {
    const url = postgres.url('customers');
    const kept = await keptDataSet(postgres.url('postgres'), url);
    // The first start makes this operator, to sign in to the Control Center with.
    const tollgate = await startTollgate(url, {
      TOLLGATE_ADMIN_EMAIL: OPERATOR.email,
      TOLLGATE_ADMIN_PASSWORD: OPERATOR.password,
    });
    const database = await connect({ driver: 'postgres', url, poolSize: 2 });
    try {
      const loaded = kept ?? (await load(url, tollgate));
      const cases = await casesOf(url, loaded.appId);
      const figures: Figure[] = [];
      for (const testCase of cases) {
        const direct = await p95(async () => {
          const { filter, after } = testCase.next();
          await listCustomers(database.db, loaded.appId, filter, { after, limit: PAGE });
        });
        const http = await p95(async () => {
          const { filter, after } = testCase.next();
          const response = await fetch(`${tollgate.url}${listUrl(loaded.appId, filter, after)}`, {
            headers: { authorization: `Bearer ${loaded.apiKey}` },
          });
          const body = await response.text();
          if (response.status !== 200) {
            throw new Error(`customers list: ${response.status} ${body.slice(0, 300)}`);
          }
        });
        figures.push({
          name: `customers list p95, 1M users: ${testCase.name}`,
          value: http,
          baselineName: 'listCustomers query alone',
          baseline: direct,
          unit: 'ms',
          goal: '<= 50 ms',
        });
      }
      figures.push(await customersScreen(tollgate, { large: loaded.appId, small: loaded.smallAppId }));
      return { figures, note: loaded.note };
    } finally {
      await database.close();
      await tollgate.stop();
    }
  } finally {
    postgres.stop();
  }
}

/** The data set an earlier run left, if it is of this version; otherwise an empty database. */
async function keptDataSet(adminUrl: string, url: string): Promise<Loaded | null> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', ['customers']);
    if (exists.rowCount === 1) {
      const meta = await readMeta(url);
      if (meta?.version === DATA_VERSION) {
        return {
          appId: meta.app_id,
          smallAppId: meta.small_app_id,
          apiKey: meta.api_key,
          note: `reused the ${meta.note}`,
        };
      }
      await admin.query('drop database customers with (force)');
    }
    await admin.query('create database customers');
    return null;
  } finally {
    await admin.end();
  }
}

interface Meta {
  version: string;
  app_id: string;
  small_app_id: string;
  api_key: string;
  note: string;
}

async function readMeta(url: string): Promise<Meta | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query(`select to_regclass('bench_meta') is not null as present`);
    if (!table.rows[0]?.present) {
      return null;
    }
    // Every column: a data set of an earlier version may lack some, and is then loaded anew.
    const { rows } = await client.query<Meta>('select * from bench_meta');
    return rows[0] ?? null;
  } finally {
    await client.end();
  }
}

/** The app of `USERS` users, then the app of `SMALL_USERS` beside it, each as `loadApp` makes it. */
async function load(url: string, tollgate: RunningTollgate): Promise<Loaded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const appId = await loadApp(client, tollgate, 'Customers bench', USERS);
    const smallAppId = await loadApp(client, tollgate, 'Customers bench, 1k', SMALL_USERS);
    await client.query('vacuum (analyze) users, external_ids, devices');
    const seconds = (performance.now() - started) / 1000;
    const note = `${USERS.toLocaleString('en-US')} users (and an app of ${SMALL_USERS.toLocaleString('en-US')}) loaded in ${seconds.toFixed(1)} s (kept in .bench/ for the next run)`;
    await client.query(
      'create table bench_meta (version text, app_id uuid, small_app_id uuid, api_key text, note text)',
    );
    await client.query('insert into bench_meta values ($1, $2, $3, $4, $5)', [
      DATA_VERSION,
      appId,
      smallAppId,
      tollgate.apiKey,
      note,
    ]);
    return { appId, smallAppId, apiKey: tollgate.apiKey, note };
  } finally {
    await client.end();
  }
}

/**
 * An app with three platforms through the API, then its users in bulk with SQL: most
 * recently updated over six months, 60% with an external id, a device on each of their
 * platforms (Apple 51%, Google 40%, some both, Roku 5%, 4% with none: store-only users).
 */
async function loadApp(client: pg.Client, tollgate: RunningTollgate, name: string, users: number): Promise<string> {
  const app = await adminCall(tollgate, '/apps', { name });
  const platformIds: Record<string, string> = {};
  for (const store of ['apple', 'google', 'roku'] as const) {
    const platform = await adminCall(tollgate, `/apps/${app.id}/platforms`, {
      name: store,
      store,
      marketplace_app_id: `com.example.customers.${store}`,
    });
    platformIds[store] = platform.id;
  }
  await client.query(
    `insert into users (app_id, id, created_at, updated_at, first_seen_at, last_seen_at, sessions_count, platforms, external_id)
     select $1, gen_random_uuid(), at - interval '30 days', at,
            case when n % 10 = 0 then null else at - interval '30 days' end,
            case when n % 10 = 0 then null else at end,
            case when n % 10 = 0 then 0 else n % 40 + 1 end,
            case when n % 25 = 1 then '{}'::text[]
                 when n % 20 = 0 then '{roku}'
                 when n % 20 < 9 then '{google}'
                 when n % 7 = 0 then '{apple,google}'
                 else '{apple}' end,
            case when n % 5 < 3 then 'user-' || n end
     from (select n, now() - random() * interval '180 days' as at from generate_series(1, $2::int) n) s`,
    [app.id, users],
  );
  await client.query(
    `insert into external_ids (app_id, key, value, type, user_id, created_at)
     select app_id, 'external_id', external_id, 'external_id', id, created_at
     from users where app_id = $1 and external_id is not null`,
    [app.id],
  );
  await client.query(
    `insert into devices (app_id, id, app_platform_id, user_id, created_at, updated_at, os, model, country, last_seen_at)
     select users.app_id, gen_random_uuid(),
            case store when 'apple' then $2::uuid when 'google' then $3::uuid else $4::uuid end,
            users.id, users.created_at, users.updated_at,
            case store when 'apple' then 'ios' when 'google' then 'android' else 'roku' end,
            'bench', 'US', users.last_seen_at
     from users cross join lateral unnest(users.platforms) as store
     where users.app_id = $1`,
    [app.id, platformIds.apple, platformIds.google, platformIds.roku],
  );
  return app.id;
}

/** The filters a support person would use, each with values sampled from the data set. */
async function casesOf(url: string, appId: string): Promise<Case[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: sample } = await client.query<{ user_id: string; external_id: string; device_id: string }>(
      `select users.id as user_id, users.external_id, devices.id as device_id
       from users tablesample system (1) join devices on devices.app_id = users.app_id and devices.user_id = users.id
       where users.app_id = $1 and users.external_id is not null limit ${SAMPLES}`,
      [appId],
    );
    const { rows: deep } = await client.query<{ at: string; id: string }>(
      `select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id
       from users where app_id = $1 order by updated_at desc, id desc offset $2 limit ${SAMPLES}`,
      [appId, USERS / 2],
    );
    let turn = 0;
    const pick = <T>(items: T[]): T => {
      const item = items[turn++ % items.length];
      if (item === undefined) {
        throw new Error('the bench data set has no rows to sample');
      }
      return item;
    };
    return [
      { name: 'first page', next: () => ({ filter: {}, after: null }) },
      { name: 'deep page (row 500,000)', next: () => ({ filter: {}, after: pick(deep) }) },
      { name: 'platform=google', next: () => ({ filter: { platform: 'google' }, after: null }) },
      { name: 'platform=roku (5%)', next: () => ({ filter: { platform: 'roku' }, after: null }) },
      { name: 'external_id', next: () => ({ filter: { externalId: pick(sample).external_id }, after: null }) },
      { name: 'device_id', next: () => ({ filter: { deviceId: pick(sample).device_id }, after: null }) },
      { name: 'user_id', next: () => ({ filter: { userId: pick(sample).user_id }, after: null }) },
      {
        name: 'external_id + platform=apple',
        next: () => ({ filter: { externalId: pick(sample).external_id, platform: 'apple' }, after: null }),
      },
    ];
  } finally {
    await client.end();
  }
}

/** The API's own query string for a filter and a cursor (the cursor's documented-opaque form). */
function listUrl(appId: string, filter: CustomerFilter, after: TimeKey | null): string {
  const query = new URLSearchParams({ limit: String(PAGE) });
  const fields = { external_id: filter.externalId, device_id: filter.deviceId, user_id: filter.userId };
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) {
      query.set(name, value);
    }
  }
  if (filter.platform) {
    query.set('platform', filter.platform);
  }
  if (after) {
    query.set('cursor', Buffer.from(JSON.stringify({ at: after.at, id: after.id })).toString('base64url'));
  }
  return `/api/v1/apps/${appId}/customers?${query}`;
}

/** The 95th percentile of `SAMPLES` sequential runs, after a warm-up, in milliseconds. */
async function p95(run: () => Promise<void>): Promise<number> {
  for (let warm = 0; warm < 20; warm++) {
    await run();
  }
  const times: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.ceil(times.length * 0.95) - 1] ?? Number.NaN;
}
