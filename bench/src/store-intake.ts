import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PlayApi, playApi } from '@tollgate/stores';
import {
  APPLE_BUNDLE_ID,
  type AppleTestPki,
  aDeveloperNotification,
  anAppleNotification,
  anOrder,
  aSubscriptionLineItem,
  aSubscriptionPurchaseV2,
  PLAY_FAKE_ACCESS_TOKEN,
  PLAY_PACKAGE_NAME,
  type PlayFake,
  pubSubPush,
} from '@tollgate/testkit';
import { adminCall } from './api.js';
import { type Figure, spawnServer } from './harness.js';
import { fire, rate, type Shot } from './load.js';
import type { RunningTollgate } from './tollgate.js';

const CONCURRENCY = 16;
const BARE_APPLE_SERVER = join(dirname(fileURLToPath(import.meta.url)), 'servers', 'bare-apple-verify.ts');

/** An app with one SKU granting one entitlement on a platform; returns the platform. */
async function storePlatform(tollgate: RunningTollgate, platform: object, sku: string) {
  const app = await adminCall(tollgate, '/apps', { name: 'Store bench' });
  const created = await adminCall<{ id: string; google: { push_audience: string } | null }>(
    tollgate,
    `/apps/${app.id}/platforms`,
    platform,
  );
  const premium = await adminCall(tollgate, `/apps/${app.id}/entitlements`, {
    entitlement_ref_id: 'premium',
    name: 'Premium',
  });
  await adminCall(tollgate, `/apps/${app.id}/products`, {
    app_platform_id: created.id,
    sku_ref_id: sku,
    name: sku,
    type: 'subscription',
    entitlement_ids: [premium.id],
  });
  return created;
}

/**
 * App Store notifications through HTTP (verify, keep, apply: a new purchase each), against a
 * bare route that verifies the same notifications (nested transaction and renewal info
 * included) and does nothing else: the same HTTP and load on both sides, so the ratio is
 * the cost of keeping and applying them.
 */
export async function appleIntake(
  tollgate: RunningTollgate,
  pki: AppleTestPki,
  rootFile: string,
  count: number,
): Promise<Figure> {
  const platform = await storePlatform(
    tollgate,
    { name: 'iOS', store: 'apple', marketplace_app_id: APPLE_BUNDLE_ID },
    'pro.monthly',
  );
  const notifications = (offset: number) =>
    Array.from({ length: count }, (_, index) => {
      const id = String(5_000_000_000_000_000 + offset + index);
      return anAppleNotification(pki, {
        notificationType: 'SUBSCRIBED',
        subtype: 'INITIAL_BUY',
        transaction: { originalTransactionId: id, transactionId: id },
        renewalInfo: { originalTransactionId: id },
      });
    });
  const shots = (bodies: Array<{ signedPayload: string }>): Shot[] =>
    bodies.map((body) => ({
      url: `${tollgate.url}/stores/apple/${platform.id}/notifications`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }));
  await fire(shots(notifications(0).slice(0, 100)), CONCURRENCY);
  const endToEnd = await fire(shots(notifications(count)), CONCURRENCY);

  const bare = await spawnServer(BARE_APPLE_SERVER, { ROOT_FILE: rootFile, BUNDLE_ID: APPLE_BUNDLE_ID });
  const verifyShots = (bodies: Array<{ signedPayload: string }>): Shot[] =>
    bodies.map((body) => ({
      url: `${bare.url}/verify`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }));
  let verifyOnly: number;
  try {
    await fire(verifyShots(notifications(2 * count).slice(0, 100)), CONCURRENCY);
    verifyOnly = await fire(verifyShots(notifications(2 * count)), CONCURRENCY);
  } finally {
    await bare.stop();
  }
  return {
    name: `Apple notifications end to end (${count}, ${CONCURRENCY} in flight)`,
    value: endToEnd,
    baselineName: 'a bare route that only verifies the JWS (+ nested)',
    baseline: verifyOnly,
    unit: 'notif/s',
    goal: '>= 0.5',
  };
}

/**
 * Play RTDNs through HTTP (push token checked, kept, Play asked, applied: a new purchase
 * each), against the same Play reads (subscriptionsv2.get + orders.get) made directly.
 */
export async function googleIntake(tollgate: RunningTollgate, play: PlayFake, count: number): Promise<Figure> {
  const serviceAccount = 'rtdn@bench.iam.gserviceaccount.com';
  const platform = await storePlatform(
    tollgate,
    {
      name: 'Android',
      store: 'google',
      marketplace_app_id: PLAY_PACKAGE_NAME,
      google: { push_service_account: serviceAccount },
    },
    'pro.monthly',
  );
  const audience = platform.google?.push_audience ?? '';
  const authorization = play.pushAuthorization({ audience, email: serviceAccount, expiresInSeconds: 3600 });
  const tokens = (offset: number) =>
    Array.from({ length: count }, (_, index) => {
      const token = `bench-token-${offset + index}`;
      const orderId = `GPA.3300-0000-${String(offset + index).padStart(4, '0')}-00001`;
      play.subscriptions.set(
        token,
        aSubscriptionPurchaseV2({ lineItems: [aSubscriptionLineItem({ latestSuccessfulOrderId: orderId })] }),
      );
      play.orders.set(orderId, anOrder({ orderId }));
      return { token, orderId };
    });
  const shots = (batch: Array<{ token: string }>): Shot[] =>
    batch.map(({ token }) => ({
      url: `${tollgate.url}/stores/google/${platform.id}/notifications`,
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(
        pubSubPush(aDeveloperNotification({ subscriptionNotification: { notificationType: 4, purchaseToken: token } })),
      ),
    }));
  await fire(shots(tokens(0).slice(0, 100)), CONCURRENCY);
  const endToEnd = await fire(shots(tokens(count)), CONCURRENCY);

  const direct: PlayApi = playApi({
    credentials: { kind: 'access_token', token: PLAY_FAKE_ACCESS_TOKEN },
    rootUrl: play.url,
    timeoutMs: 10_000,
  });
  const readsOnly = await rate(tokens(2 * count), CONCURRENCY, async ({ token, orderId }) => {
    const purchase = await direct.subscription(PLAY_PACKAGE_NAME, token);
    const order = await direct.order(PLAY_PACKAGE_NAME, orderId);
    if (purchase.outcome !== 'found' || order.outcome !== 'found') {
      throw new Error('the Play fake did not answer');
    }
  });
  return {
    name: `Google RTDNs end to end against the Play fake (${count}, ${CONCURRENCY} in flight)`,
    value: endToEnd,
    baselineName: 'the same Play API reads alone',
    baseline: readsOnly,
    unit: 'notif/s',
  };
}
