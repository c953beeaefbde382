import { randomBytes } from 'node:crypto';
import {
  type AmplitudeFake,
  APPLE_BUNDLE_ID,
  type AppleTestPki,
  anAppleNotification,
  startAmplitudeFake,
} from '@tollgate/testkit';
import pg from 'pg';
import { adminCall } from './api.js';
import type { Figure } from './harness.js';
import { type RunningTollgate, startWorker } from './tollgate.js';

/** Loaded into the outbox in bulk, then sent by one worker. */
const BACKLOG = 20_000;
/** Sent one at a time, one every PACE_MS, with the worker running. */
const NOTIFICATIONS = 200;
const PACE_MS = 50;
const EVENT_TYPE = 'user.subscription.purchased';

/**
 * The delivery worker (`tollgate work`) sending to the local Amplitude fake: how fast it empties
 * a backlog beside a plain loop POSTing the very bodies it sent, and how long an App Store
 * notification takes to reach the fake as an Amplitude event beside the notification's own round
 * trip. `env` is the `serve` process's (the worker must open the secrets that process sealed).
 */
export async function delivery(
  tollgate: RunningTollgate,
  databaseUrl: string,
  pki: AppleTestPki,
  env: Record<string, string>,
): Promise<Figure[]> {
  const amplitude = await startAmplitudeFake();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { appId, platformId } = await appWithApplePlatform(tollgate);
    // One purchase through the API: its event is the payload the backlog copies.
    await postNotification(tollgate, platformId, appleNotification(pki, '7000000000000000'));
    const template = await client.query<{ id: string }>('select id from events where app_id = $1 and type = $2', [
      appId,
      EVENT_TYPE,
    ]);
    const templateId = template.rows[0]?.id;
    if (templateId === undefined) {
      throw new Error(`the purchase made no ${EVENT_TYPE} event`);
    }
    // Created after the template purchase, so that only the backlog is queued for it.
    const integration = await adminCall(tollgate, `/apps/${appId}/integrations`, {
      kind: 'amplitude',
      name: 'Amplitude (bench)',
      endpoint: amplitude.endpoint,
      api_key: 'bench-worker',
      user_id: 'user_id',
      event_types: [EVENT_TYPE],
    });
    await loadBacklog(client, appId, integration.id, templateId);

    const worker = await startWorker(databaseUrl, env);
    try {
      const started = performance.now();
      await amplitude.waitFor(BACKLOG, 120_000);
      const workerRate = BACKLOG / ((performance.now() - started) / 1000);
      // What the worker got through (a body it had to split is not one to replay).
      const sent = amplitude.requests
        .filter((request) => request.status === 200)
        .map((request) => request.body as { events: unknown[] });
      const loopRate = await plainLoop(amplitude, sent);
      const batch = Math.max(...sent.map((body) => body.events.length));

      const latency = await notificationLatency(tollgate, pki, platformId, amplitude);
      return [
        {
          name: `delivery to the Amplitude fake: ${BACKLOG.toLocaleString('en-US')} queued events, one worker`,
          value: workerRate,
          baselineName: `a plain loop POSTing the same ${sent.length} bodies (≤ ${batch} events)`,
          baseline: loopRate,
          unit: 'events/s',
          goal: '>= 0.8',
        },
        ...(['p50', 'p95'] as const).map((quantile) => ({
          name: `Apple notification to Amplitude fake receipt, ${quantile} (${NOTIFICATIONS}, one every ${PACE_MS} ms)`,
          value: latency.endToEnd[quantile],
          baselineName: `the notification's own HTTP round trip, ${quantile}`,
          baseline: latency.roundTrip[quantile],
          unit: 'ms',
        })),
      ];
    } finally {
      await worker.stop();
    }
  } finally {
    await client.end();
    await amplitude.close();
  }
}

async function appWithApplePlatform(tollgate: RunningTollgate) {
  const app = await adminCall(tollgate, '/apps', { name: 'Delivery bench' });
  const platform = await adminCall(tollgate, `/apps/${app.id}/platforms`, {
    name: 'iOS',
    store: 'apple',
    marketplace_app_id: APPLE_BUNDLE_ID,
  });
  const premium = await adminCall(tollgate, `/apps/${app.id}/entitlements`, {
    entitlement_ref_id: 'premium',
    name: 'Premium',
  });
  await adminCall(tollgate, `/apps/${app.id}/products`, {
    app_platform_id: platform.id,
    sku_ref_id: 'pro.monthly',
    name: 'Pro monthly',
    type: 'subscription',
    entitlement_ids: [premium.id],
  });
  return { appId: app.id, platformId: platform.id };
}

/** A first purchase (SUBSCRIBED, INITIAL_BUY) of its own original transaction id, signed with the test PKI. */
function appleNotification(pki: AppleTestPki, transactionId: string): string {
  return JSON.stringify(
    anAppleNotification(pki, {
      notificationType: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      transaction: { originalTransactionId: transactionId, transactionId },
      renewalInfo: { originalTransactionId: transactionId },
    }),
  );
}

async function postNotification(tollgate: RunningTollgate, platformId: string, body: string): Promise<void> {
  const response = await fetch(`${tollgate.url}/stores/apple/${platformId}/notifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`Apple notification: ${response.status} ${text.slice(0, 300)}`);
  }
}

/**
 * BACKLOG copies of the template event (new event and user ids, times spread over the last
 * BACKLOG ms, so oldest first is their order) and a pending delivery each, written in bulk.
 */
async function loadBacklog(client: pg.Client, appId: string, integrationId: string, templateId: string) {
  const CHUNK = 5_000;
  const startMs = Date.now() - BACKLOG;
  for (let offset = 0; offset < BACKLOG; offset += CHUNK) {
    const times = Array.from({ length: Math.min(CHUNK, BACKLOG - offset) }, (_, index) => startMs + offset + index);
    await client.query(
      `insert into events (app_id, id, user_id, type, platform, purchase_id, device_id, app_platform_id, payload, created_at)
       select t.app_id, v.id, v.user_id, t.type, t.platform, t.purchase_id, t.device_id, t.app_platform_id,
         t.payload || jsonb_build_object('id', v.id, 'user_id', v.user_id, 'created_date', v.created_date),
         v.created_date::timestamptz
       from unnest($3::uuid[], $4::uuid[], $5::text[]) as v (id, user_id, created_date)
       cross join (select * from events where app_id = $1 and id = $2) t`,
      [
        appId,
        templateId,
        times.map((ms) => uuidv7(ms)),
        times.map((ms) => uuidv7(ms)),
        times.map((ms) => new Date(ms).toISOString()),
      ],
    );
  }
  await client.query(
    `insert into deliveries (app_id, integration_id, event_id, status, next_attempt_at, created_at, updated_at)
     select app_id, $2, id, 'pending', created_at, created_at, created_at
     from events where app_id = $1 and type = $3 and id <> $4`,
    [appId, integrationId, EVENT_TYPE, templateId],
  );
  // As autovacuum would have by the time a backlog this size is being sent.
  await client.query('analyze events, deliveries');
}

/** A version 7 UUID for the given millisecond, as Tollgate makes its ids. */
function uuidv7(ms: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The worker's own requests POSTed again by a plain loop, one at a time as the worker sends to
 * one integration, under another API key (a project of its own, so nothing is deduplicated).
 * Bodies are built before timing. Answers events per second.
 */
async function plainLoop(amplitude: AmplitudeFake, sent: Array<{ events: unknown[] }>): Promise<number> {
  // A key as long as the worker's: the same bytes, so the same limits.
  const bodies = sent.map((body) => JSON.stringify({ ...body, api_key: 'bench-replay' }));
  const events = sent.reduce((sum, body) => sum + body.events.length, 0);
  const before = amplitude.received();
  const started = performance.now();
  for (const body of bodies) {
    const response = await fetch(amplitude.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`the Amplitude fake answered ${response.status}: ${text.slice(0, 300)}`);
    }
  }
  const rate = events / ((performance.now() - started) / 1000);
  if (amplitude.received() - before !== events) {
    throw new Error(`the plain loop sent ${events} events; the fake took ${amplitude.received() - before}`);
  }
  return rate;
}

type Quantiles = Record<'p50' | 'p95', number>;

/**
 * NOTIFICATIONS new purchases, one every PACE_MS (each POST answered before the next): from just
 * before each POST to the moment the fake received its Amplitude event, and the POST's own
 * round trip.
 */
async function notificationLatency(
  tollgate: RunningTollgate,
  pki: AppleTestPki,
  platformId: string,
  amplitude: AmplitudeFake,
): Promise<{ endToEnd: Quantiles; roundTrip: Quantiles }> {
  const before = amplitude.received();
  // Signed before timing: signing is the store's work, not Tollgate's.
  const notifications = Array.from({ length: NOTIFICATIONS }, (_, index) => {
    const transactionId = String(7_000_000_000_000_001 + index);
    return { transactionId, body: appleNotification(pki, transactionId) };
  });
  const postedAt = new Map<string, number>();
  const roundTrips: number[] = [];
  const started = performance.now();
  for (const [index, { transactionId, body }] of notifications.entries()) {
    const wait = started + index * PACE_MS - performance.now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    postedAt.set(transactionId, Date.now());
    const sentAt = performance.now();
    await postNotification(tollgate, platformId, body);
    roundTrips.push(performance.now() - sentAt);
  }
  await amplitude.waitFor(before + NOTIFICATIONS, 30_000);
  const endToEnd = amplitude.events.slice(before).map(({ event, receivedAt }) => {
    const purchase = (event.event_properties as { purchase?: { store_purchase_id?: string } } | undefined)?.purchase;
    const posted = postedAt.get(purchase?.store_purchase_id ?? '');
    if (posted === undefined) {
      throw new Error(`an Amplitude event of no notification sent: ${JSON.stringify(event).slice(0, 300)}`);
    }
    return receivedAt.getTime() - posted;
  });
  return { endToEnd: quantiles(endToEnd), roundTrip: quantiles(roundTrips) };
}

function quantiles(values: number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95) };
}
