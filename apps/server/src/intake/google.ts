import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import type { AppPlatform } from '@tollgate/db';
import {
  type DeveloperNotification,
  earlierOrderIds,
  googleProductSnapshot,
  googleSubscriptionSnapshot,
  type PlayAnswer,
  type PlayApi,
  parseDeveloperNotification,
  StorePayloadError,
} from '@tollgate/stores';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import {
  applyStoreNotification,
  failStoreNotification,
  type StoreNotificationEffect,
} from '../use-cases/apply-store-notification.js';
import { recordStoreNotification } from '../use-cases/record-store-notification.js';
import type { StoreGateways } from './gateways.js';
import { fromApplied, type IntakeResult } from './intake-result.js';
import { notificationUrl } from './notification-url.js';

/** A Pub/Sub push, wrapped (the default): the notification is base64 JSON in message.data. */
export const pubSubPushSchema = z.object({
  message: z.object({
    data: z.string(),
    messageId: z.string().min(1),
    publishTime: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
  }),
  subscription: z.string().optional(),
});

export type PubSubPush = z.infer<typeof pubSubPushSchema>;

/** What is kept of a push: the decoded notification, to apply again on a replay. */
interface StoredPush {
  messageId: string;
  notification: unknown;
}

/**
 * A Google Play real-time developer notification: the push's OIDC token verified, the push
 * kept, then the truth fetched from the Play Developer API and applied. An RTDN only says
 * "this token changed": the state always comes from Play.
 */
export async function takeGoogleNotification(
  deps: Deps,
  gateways: StoreGateways,
  log: FastifyBaseLogger,
  input: { platform: AppPlatform; authorization: string | undefined; push: PubSubPush; body: string },
): Promise<IntakeResult> {
  const { platform, push } = input;
  const serviceAccount = platform.google_push_service_account;
  if (serviceAccount === null) {
    log.warn({ appPlatformId: platform.id }, 'refused a Play notification: no push service account is configured');
    return {
      outcome: 'rejected',
      status: 401,
      code: 'push_not_configured',
      detail: 'Set google.push_service_account on the app platform to the push subscription’s service account',
    };
  }
  const verification = await gateways.googlePush.verify(input.authorization, {
    audience: platform.google_push_audience ?? notificationUrl(deps.publicUrl, platform),
    serviceAccount,
  });
  if (verification.outcome === 'rejected') {
    log.warn({ appPlatformId: platform.id, reason: verification.reason }, 'refused a Play notification');
    return verification.retryable
      ? { outcome: 'rejected', status: 503, code: 'verification_unavailable', detail: verification.reason }
      : { outcome: 'rejected', status: 401, code: 'notification_not_verified', detail: verification.reason };
  }
  const notification = decodeData(push.message.data);
  const parsed = developerNotification(notification, platform.marketplace_app_id);
  const recorded = await recordStoreNotification(deps, {
    appId: platform.app_id,
    appPlatformId: platform.id,
    store: 'google',
    storeNotificationId: push.message.messageId,
    notificationType: notificationTypeName(parsed),
    subtype: null,
    environment: null,
    signedAt: push.message.publishTime ? new Date(push.message.publishTime) : null,
    body: input.body,
    decoded: { messageId: push.message.messageId, notification } satisfies StoredPush,
  });
  if (recorded.outcome === 'duplicate') {
    return { outcome: 'duplicate', notificationId: recorded.notification.id };
  }
  return applyGoogleNotification(deps, gateways, platform, recorded.notification.id, parsed);
}

/** Fetches what Play says now and applies it; a failing Play API leaves it to retry. */
export async function applyGoogleNotification(
  deps: Deps,
  gateways: StoreGateways,
  platform: AppPlatform,
  notificationId: string,
  parsed: DeveloperNotification | { kind: 'invalid'; why: string },
  again = false,
): Promise<IntakeResult> {
  const effect = await googleEffect(deps, gateways, platform, parsed);
  if (effect.kind === 'deferred') {
    await failStoreNotification(deps, { appId: platform.app_id, notificationId, error: effect.reason });
    return { outcome: 'deferred', notificationId, detail: effect.reason };
  }
  const applied = await applyStoreNotification(deps, { appId: platform.app_id, notificationId, effect, again });
  return fromApplied(notificationId, applied);
}

/** Re-reads a kept push's notification, for replays and retries. */
export function storedDeveloperNotification(decoded: unknown, packageName: string) {
  return developerNotification((decoded as StoredPush).notification, packageName);
}

export type GoogleEffect = StoreNotificationEffect | { kind: 'deferred'; reason: string };

async function googleEffect(
  deps: Deps,
  gateways: StoreGateways,
  platform: AppPlatform,
  parsed: DeveloperNotification | { kind: 'invalid'; why: string },
): Promise<GoogleEffect> {
  switch (parsed.kind) {
    case 'invalid':
      return { kind: 'nothing', why: parsed.why };
    case 'test':
      return { kind: 'nothing', why: 'test notification' };
    case 'unknown':
      return { kind: 'nothing', why: 'a kind of notification Tollgate does not know' };
    case 'subscription':
      return askPlay(deps, gateways, platform, (play, at) =>
        subscriptionEffect(deps, play, platform, parsed.purchaseToken, null, at),
      );
    case 'voided':
      return askPlay(deps, gateways, platform, (play, at) =>
        parsed.productType === 'subscription'
          ? subscriptionEffect(deps, play, platform, parsed.purchaseToken, parsed.orderId, at)
          : productEffect(deps, play, platform, parsed.purchaseToken, null, at),
      );
    case 'one_time':
      return askPlay(deps, gateways, platform, (play, at) =>
        productEffect(deps, play, platform, parsed.purchaseToken, parsed.sku, at),
      );
  }
}

/** What Play says now of a purchase a device reports, by its token. */
export function googlePurchaseEffect(
  deps: Deps,
  gateways: StoreGateways,
  platform: AppPlatform,
  purchase:
    | { type: 'subscription'; purchaseToken: string }
    | { type: 'one_time'; purchaseToken: string; productId: string },
): Promise<GoogleEffect> {
  return askPlay(deps, gateways, platform, (play, at) =>
    purchase.type === 'subscription'
      ? subscriptionEffect(deps, play, platform, purchase.purchaseToken, null, at)
      : productEffect(deps, play, platform, purchase.purchaseToken, purchase.productId, at),
  );
}

/** Runs a read of the Play API for the platform; what Play says that Tollgate cannot read is kept, not retried. */
async function askPlay(
  deps: Deps,
  gateways: StoreGateways,
  platform: AppPlatform,
  read: (play: PlayApi, observedAt: Date) => Promise<GoogleEffect>,
): Promise<GoogleEffect> {
  const play = gateways.play(platform);
  if (!play) {
    return { kind: 'deferred', reason: 'no Play Developer API credentials: set google.service_account_key' };
  }
  try {
    return await read(play, deps.now());
  } catch (error) {
    if (error instanceof StorePayloadError) {
      return { kind: 'nothing', why: `not understood: ${error.message}` };
    }
    throw error;
  }
}

async function subscriptionEffect(
  deps: Deps,
  play: PlayApi,
  platform: AppPlatform,
  purchaseToken: string,
  voidedOrderId: string | null,
  observedAt: Date,
): Promise<GoogleEffect> {
  const packageName = platform.marketplace_app_id;
  return whenFound(await play.subscription(packageName, purchaseToken), async (purchase) => {
    const latestOrderId = purchase.lineItems?.[0]?.latestSuccessfulOrderId ?? null;
    const orderId = voidedOrderId ?? latestOrderId;
    // Seen first after renewals (notifications missed, or Tollgate set up later): book them too.
    const earlier =
      latestOrderId !== null && (await knownPurchase(deps, platform, purchaseToken)) === null
        ? await ordersPaid(play, packageName, earlierOrderIds(latestOrderId).slice(-MAX_EARLIER_ORDERS))
        : { orders: [] };
    if ('effect' in earlier) {
      return earlier.effect;
    }
    return withOrder(play, packageName, orderId, (order) => ({
      kind: 'snapshot',
      snapshot: googleSubscriptionSnapshot({
        packageName,
        purchaseToken,
        purchase,
        order,
        earlierOrders: earlier.orders,
        observedAt,
      }),
    }));
  });
}

/** Ten years of monthly renewals: enough history for any first sighting. */
const MAX_EARLIER_ORDERS = 120;

/** The orders Play still shows of these ids; a failing API defers. */
async function ordersPaid(
  play: PlayApi,
  packageName: string,
  orderIds: readonly string[],
): Promise<{ orders: androidpublisher_v3.Schema$Order[] } | { effect: GoogleEffect }> {
  const orders: androidpublisher_v3.Schema$Order[] = [];
  for (const orderId of orderIds) {
    const answer = await play.order(packageName, orderId);
    switch (answer.outcome) {
      case 'found':
        orders.push(answer.value);
        break;
      case 'gone':
      case 'not_found':
        break;
      case 'unauthorized':
        return { effect: { kind: 'deferred', reason: `Play refused the credentials: ${answer.reason}` } };
      case 'unavailable':
        return { effect: { kind: 'deferred', reason: `Play did not answer: ${answer.reason}` } };
    }
  }
  return { orders };
}

async function productEffect(
  deps: Deps,
  play: PlayApi,
  platform: AppPlatform,
  purchaseToken: string,
  sku: string | null,
  observedAt: Date,
): Promise<GoogleEffect> {
  // A voided notification does not name the product: the purchase Tollgate kept does.
  const productId = sku ?? (await knownPurchase(deps, platform, purchaseToken))?.sku_ref_id ?? null;
  if (productId === null) {
    return { kind: 'nothing', why: 'a voided one-time purchase Tollgate never saw' };
  }
  const packageName = platform.marketplace_app_id;
  return whenFound(await play.product(packageName, productId, purchaseToken), (purchase) =>
    withOrder(play, packageName, purchase.orderId ?? null, (order) => ({
      kind: 'snapshot',
      snapshot: googleProductSnapshot({ purchaseToken, productId, purchase, order, observedAt }),
    })),
  );
}

/** Goes on with the order that paid (null when Play has none to show); a failing API defers. */
async function withOrder(
  play: PlayApi,
  packageName: string,
  orderId: string | null,
  then: (order: androidpublisher_v3.Schema$Order | null) => GoogleEffect,
): Promise<GoogleEffect> {
  if (orderId === null) {
    return then(null);
  }
  const order = await play.order(packageName, orderId);
  return order.outcome === 'gone' || order.outcome === 'not_found' ? then(null) : whenFound(order, then);
}

/** What Play's answer means: go on with what it found, keep it as nothing, or try again later. */
async function whenFound<T>(
  answer: PlayAnswer<T>,
  then: (value: T) => GoogleEffect | Promise<GoogleEffect>,
): Promise<GoogleEffect> {
  switch (answer.outcome) {
    case 'found':
      return then(answer.value);
    case 'gone':
      return { kind: 'nothing', why: 'Play no longer knows the token (expired over 60 days ago)' };
    case 'not_found':
      return { kind: 'nothing', why: 'Play does not know the purchase' };
    case 'unauthorized':
      return { kind: 'deferred', reason: `Play refused the credentials: ${answer.reason}` };
    case 'unavailable':
      return { kind: 'deferred', reason: `Play did not answer: ${answer.reason}` };
  }
}

/** The purchase Tollgate keeps for this token, if it has seen it. */
function knownPurchase(deps: Deps, platform: AppPlatform, purchaseToken: string) {
  return deps.db
    .selectFrom('purchases')
    .select('sku_ref_id')
    .where('app_id', '=', platform.app_id)
    .where('app_platform_id', '=', platform.id)
    .where('store_purchase_id', '=', purchaseToken)
    .executeTakeFirst()
    .then((purchase) => purchase ?? null);
}

function decodeData(data: string): unknown {
  try {
    return JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  } catch {
    // Kept as the text it was, and marked as not understood below.
    return data;
  }
}

function developerNotification(
  json: unknown,
  packageName: string,
): DeveloperNotification | { kind: 'invalid'; why: string } {
  try {
    return parseDeveloperNotification(json, packageName);
  } catch (error) {
    if (error instanceof StorePayloadError) {
      return { kind: 'invalid', why: error.message };
    }
    throw error;
  }
}

function notificationTypeName(parsed: DeveloperNotification | { kind: 'invalid'; why: string }): string {
  switch (parsed.kind) {
    case 'subscription':
      return `subscription:${parsed.notificationType}`;
    case 'one_time':
      return `one_time:${parsed.notificationType}`;
    case 'voided':
      return 'voided';
    case 'test':
      return 'test';
    case 'unknown':
      return 'unknown';
    case 'invalid':
      return 'invalid';
  }
}
