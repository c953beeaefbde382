import { APPLE_BUNDLE_ID, anAppleNotification, createAppleTestPki, DAY_MS, FIXTURE_NOW_MS } from '@tollgate/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { storeGateways } from '../intake/gateways.js';
import { anApp, anAppPlatform, aProduct } from '../testing/catalog-builders.js';
import { eventTypesOf } from '../testing/engine-readers.js';
import { aStoreCatalog, rootFile, type StoreCatalog } from '../testing/store-fixtures.js';
import { useTestServer } from '../testing/test-server.js';
import { recordStoreNotification } from '../use-cases/record-store-notification.js';
import { workerTasks } from './tasks.js';

const pki = await createAppleTestPki();
const api = useTestServer();

function task(name: string) {
  const gateways = storeGateways(
    {
      appleExtraRootFiles: [rootFile(pki)],
      googleOidcCertsUrl: undefined,
      googlePlayApiUrl: undefined,
      googlePlayAccessToken: undefined,
      googlePlayTimeoutMs: 1000,
    },
    api.server.deps.secrets,
  );
  const found = workerTasks(gateways, { leaseMs: 60_000, timeoutMs: 2000, destinations: 'any' }).find(
    (candidate) => candidate.name === name,
  );
  if (!found) {
    throw new Error(`no worker task ${name}`);
  }
  return { task: found, gateways };
}

describe('expire-test-store-purchases', () => {
  let appId: string;
  let platformId: string;

  beforeAll(async () => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'monthly' });
    appId = app.id;
    platformId = platform.id;
  });

  test('a test subscription whose period ran out unrenewed expires, with its events, once', async () => {
    const bought = await api.client.post(`/api/v1/apps/${appId}/test-store/purchases`, {
      app_platform_id: platformId,
      sku_ref_id: 'monthly',
      offer: 'trial',
      trial_days: 3,
      at: new Date(Date.now() - 10 * DAY_MS).toISOString(),
    });
    const { user_id: userId } = bought.json();
    const { task: expire } = task('expire-test-store-purchases');

    const first = await expire.run(api.server.deps);
    const second = await expire.run(api.server.deps);

    expect(first).toMatch(/^expired \d+ lapsed test-store purchase/);
    expect(second).toBeNull();
    expect(await eventTypesOf(api.server, userId)).toEqual([
      'user.subscription.purchased',
      'user.journey.trial.started',
      'purchase.updated',
      'user.subscription.expired',
      'user.journey.trial.did_not_convert',
      'purchase.updated',
    ]);
  });

  test('a test subscription still in its period is left alone', async () => {
    const bought = await api.client.post(`/api/v1/apps/${appId}/test-store/purchases`, {
      app_platform_id: platformId,
      sku_ref_id: 'monthly',
    });
    const { task: expire } = task('expire-test-store-purchases');

    await expire.run(api.server.deps);

    const purchase = await api.server.database.db
      .selectFrom('purchases')
      .select('status')
      .where('id', '=', bought.json().purchase_id)
      .executeTakeFirstOrThrow();
    expect(purchase.status).toBe('active');
  });
});

describe('retry-store-notifications', () => {
  let catalog: StoreCatalog;

  beforeAll(async () => {
    catalog = await aStoreCatalog(api.client, { store: 'apple', marketplace_app_id: APPLE_BUNDLE_ID }, ['pro.monthly']);
  });

  test('a notification kept but never applied (the process died in between) is applied by the worker, once', async () => {
    const { task: retry, gateways } = task('retry-store-notifications');
    const body = anAppleNotification(pki, {
      notificationType: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      transaction: { originalTransactionId: '4100000000000001', transactionId: '4100000000000001' },
      renewalInfo: { originalTransactionId: '4100000000000001' },
    });
    const verification = await gateways.apple.verify(body.signedPayload, {
      bundleId: APPLE_BUNDLE_ID,
      appAppleId: null,
    });
    if (verification.outcome !== 'verified') {
      throw new Error(verification.reason);
    }
    api.server.setClock(new Date(FIXTURE_NOW_MS));
    const recorded = await recordStoreNotification(api.server.deps, {
      appId: catalog.appId,
      appPlatformId: catalog.appPlatformId,
      store: 'apple',
      storeNotificationId: 'crashed-before-applying',
      notificationType: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      environment: 'Sandbox',
      signedAt: new Date(FIXTURE_NOW_MS),
      body: JSON.stringify(body),
      decoded: verification.verified,
    });

    const tooSoon = await retry.run(api.server.deps);
    api.server.setClock(new Date(FIXTURE_NOW_MS + 2 * 60_000));
    const due = await retry.run(api.server.deps);
    const after = await retry.run(api.server.deps);

    expect(tooSoon).toBeNull();
    expect(due).toBe('retried 1 store notification(s): applied');
    expect(after).toBeNull();
    const row = await api.server.database.db
      .selectFrom('store_notifications')
      .select(['status', 'outcome', 'attempts'])
      .where('id', '=', recorded.notification.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'applied', outcome: 'applied', attempts: 1 });
  });
});
