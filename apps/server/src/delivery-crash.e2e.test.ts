import { randomBytes, randomUUID } from 'node:crypto';
import { type AmplitudeFake, startAmplitudeFake, testDriver } from '@tollgate/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { useTollgateCli } from './testing/cli-harness.js';
import { readyUrl, type TollgateProcess, waitFor } from './testing/cli-process.js';

// The built server as child processes, and a worker killed with SIGKILL in the middle of a send
// (no shutdown, no outcome written), as a crash or the OOM killer leaves it. After the lease the
// deliveries go again with the same insert_ids: Amplitude, which dedupes on them, ends up with
// every event once, and Tollgate reads them all delivered.

const { start, stop, printed } = useTollgateCli();

// Short, to keep the test short, yet well above how long a claim takes to send and record here.
const LEASE_SECONDS = 6;
const WANTED = ['device.transaction', 'user.subscription.purchased', 'device.impression'];
/** Each device buys once (2 wanted events) and sees 8 paywalls: 1,500 events, more than one claim of 1,000. */
const DEVICES = 150;
const IMPRESSIONS_PER_DEVICE = 8;
const IN_FLIGHT = 8;

interface Api {
  url: string;
  apiKey: string;
}

/**
 * How this driver runs Tollgate. PostgreSQL: an API process (`serve`) and a worker process
 * (`work`) side by side, sharing a secret key as a deployment of several processes must.
 * PGlite holds its data directory for one process: `serve` first, then the default `all`
 * (API and worker in one process), killed and started again on the same directory.
 */
function deployment() {
  const env = { TOLLGATE_DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS) };
  if (testDriver() === 'postgres') {
    const shared = { ...env, TOLLGATE_SECRET_KEY: randomBytes(32).toString('hex') };
    let api: Api | undefined;
    return {
      async startApi(): Promise<Api> {
        const server = start(['serve'], shared);
        api = { url: await readyUrl(server), apiKey: printed(server, 'Admin API key') };
        return api;
      },
      /** A worker process; the API stays where it was. */
      async startWorker(): Promise<{ worker: TollgateProcess; url: string }> {
        const worker = start(['work'], shared);
        await waitFor(() => (worker.output().includes('worker started') ? true : undefined), 30_000, worker);
        return { worker, url: api?.url ?? '' };
      },
    };
  }
  let server: TollgateProcess | undefined;
  return {
    async startApi(): Promise<Api> {
      server = start(['serve'], env);
      return { url: await readyUrl(server), apiKey: printed(server, 'Admin API key') };
    },
    /** `all` on the same data directory: the worker, and the API again at a new port. */
    async startWorker(): Promise<{ worker: TollgateProcess; url: string }> {
      if (server && server.child.exitCode === null) {
        expect(await stop(server)).toBe(0);
      }
      const worker = start(['all'], env);
      return { worker, url: await readyUrl(worker) };
    },
  };
}

function client(api: Api) {
  return async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: object, bearer = api.apiKey) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
    return JSON.parse(text) as T;
  };
}

/** An app selling one subscription on the App Store, with an Amplitude integration; returns the ids and SDK key. */
async function anAppSendingToAmplitude(api: Api, amplitude: AmplitudeFake) {
  const call = client(api);
  const app = await call<{ id: string }>('POST', '/api/v1/apps', { name: 'Crash test' });
  const ios = await call<{ id: string; sdk_key: string }>('POST', `/api/v1/apps/${app.id}/platforms`, {
    name: 'iOS',
    store: 'apple',
    marketplace_app_id: 'com.example.crashtest',
  });
  const premium = await call<{ id: string }>('POST', `/api/v1/apps/${app.id}/entitlements`, {
    entitlement_ref_id: 'premium',
    name: 'Premium',
  });
  await call('POST', `/api/v1/apps/${app.id}/products`, {
    app_platform_id: ios.id,
    sku_ref_id: 'pro.monthly',
    name: 'Pro monthly',
    type: 'subscription',
    entitlement_ids: [premium.id],
  });
  const integration = await call<{ id: string }>('POST', `/api/v1/apps/${app.id}/integrations`, {
    kind: 'amplitude',
    name: 'Amplitude',
    endpoint: amplitude.endpoint,
    api_key: 'amp-crash-test',
    user_id: 'user_id',
    event_types: WANTED,
  });
  return { appId: app.id, integrationId: integration.id, sdkKey: ios.sdk_key };
}

/** Devices that register, buy in the test store and see paywalls; answers how many wanted events they caused. */
async function deviceTraffic(api: Api, sdkKey: string): Promise<number> {
  const call = client(api);
  let produced = 0;
  let next = 0;
  const lane = async () => {
    while (next < DEVICES) {
      next++;
      const device = `/sdk/v1/devices/${randomUUID()}`;
      await call('PUT', device, { os: 'ios', os_version: '26.1', country: 'US' }, sdkKey);
      const purchase = await call<{ events: string[] }>(
        'POST',
        `${device}/transactions`,
        { transaction_id: randomUUID(), test_store: { sku_ref_id: 'pro.monthly' } },
        sdkKey,
      );
      produced += purchase.events.filter((type) => WANTED.includes(type)).length;
      for (let n = 0; n < IMPRESSIONS_PER_DEVICE; n++) {
        await call(
          'POST',
          `${device}/impressions`,
          { impression_id: randomUUID(), paywall_id: `paywall-${n}` },
          sdkKey,
        );
        produced++;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return produced;
}

interface Delivery {
  event_id: string;
  status: string;
  attempts: number;
}

/** Every delivery of the integration, as the API lists them. */
async function deliveries(api: Api, appId: string, integrationId: string): Promise<Delivery[]> {
  const call = client(api);
  const all: Delivery[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${cursor}`;
    const page: { data: Delivery[]; next_cursor: string | null } = await call(
      'GET',
      `/api/v1/apps/${appId}/integrations/${integrationId}/deliveries?limit=100${query}`,
    );
    all.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return all;
}

/** The insert_ids of each request the fake received, in order. */
function insertIdsPerRequest(amplitude: AmplitudeFake): string[][] {
  return amplitude.requests.map((request) =>
    ((request.body as { events?: Array<{ insert_id: string }> }).events ?? []).map((event) => event.insert_id),
  );
}

let amplitude: AmplitudeFake;
beforeEach(async () => {
  amplitude = await startAmplitudeFake();
});
afterEach(async () => {
  await amplitude.close();
});

describe('a worker killed mid-send', () => {
  test('after the lease, every event reaches Amplitude with the insert_id it first had, and reads delivered', {
    timeout: 60_000,
  }, async () => {
    const tollgate = deployment();
    const api = await tollgate.startApi();
    const { appId, integrationId, sdkKey } = await anAppSendingToAmplitude(api, amplitude);
    // The events wait in the outbox: no worker runs yet.
    const produced = await deviceTraffic(api, sdkKey);
    expect(produced).toBe(DEVICES * (2 + IMPRESSIONS_PER_DEVICE));

    // Amplitude takes the worker's first request, but the answer never comes back.
    amplitude.hangNext(1, { ingest: true });
    const first = await tollgate.startWorker();
    await waitFor(() => (amplitude.requests[0]?.status === 'hung' ? true : undefined), 20_000, first.worker);
    const takenBeforeTheCrash = amplitude.received();
    expect(takenBeforeTheCrash).toBeGreaterThan(0);
    first.worker.child.kill('SIGKILL');
    await first.worker.exited;
    expect(first.worker.child.signalCode).toBe('SIGKILL');
    const requestsBeforeTheCrash = amplitude.requests.length;

    const second = await tollgate.startWorker();
    await amplitude.waitFor(produced, 20_000);
    const after = { ...api, url: second.url };
    const final = await waitFor(async () => {
      const rows = await deliveries(after, appId, integrationId);
      return rows.every((row) => row.status === 'delivered') ? rows : undefined;
    }, 10_000);

    // Amplitude holds every event once, under the insert_id made from the event and the integration.
    const accepted = amplitude.events.map(({ event }) => event.insert_id);
    expect(accepted).toHaveLength(produced);
    expect(new Set(accepted).size).toBe(produced);
    expect(new Set(accepted)).toEqual(new Set(final.map((row) => `${row.event_id}:${integrationId}`)));
    // What was sent: each event under one insert_id only, however many times it went.
    const sent = insertIdsPerRequest(amplitude);
    const idsPerEvent = new Map<string, Set<string>>();
    for (const insertId of sent.flat()) {
      const eventId = insertId.split(':')[0] ?? '';
      idsPerEvent.set(eventId, (idsPerEvent.get(eventId) ?? new Set()).add(insertId));
    }
    expect(idsPerEvent.size).toBe(produced);
    expect([...idsPerEvent.values()].every((ids) => ids.size === 1)).toBe(true);
    // The only repeats are what the worker held when it died (the request it hung in, and any
    // it had sent but not yet recorded), each sent once again after the restart; nothing failed.
    const beforeTheCrash = sent.slice(0, requestsBeforeTheCrash).flat();
    const afterTheCrash = sent.slice(requestsBeforeTheCrash).flat();
    const [hung = []] = sent;
    const repeated = afterTheCrash.filter((insertId) => beforeTheCrash.includes(insertId));
    expect(repeated).toEqual(expect.arrayContaining(hung));
    expect(new Set(afterTheCrash).size).toBe(afterTheCrash.length);
    expect(amplitude.requests.slice(1).map((request) => request.status)).toEqual(sent.slice(1).map(() => 200));
    // And Tollgate reads them all delivered, the crash costing one attempt more to what it held
    // (the request it died in, and any of the same claim it had not sent yet), and no more.
    expect(final).toHaveLength(produced);
    const attempts = new Map(final.map((row) => [row.event_id, row.attempts]));
    expect(new Set(hung.map((insertId) => attempts.get(insertId.split(':')[0] ?? '')))).toEqual(new Set([2]));
    expect(Math.max(...attempts.values())).toBe(2);
  });
});
