import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import type { Payment, PurchaseStatus, StoreSnapshot } from '@tollgate/core';
import { StorePayloadError } from '../store-payload-error.js';
import { googleMillis, optionalGoogleTime, required } from './fields.js';
import { orderAmount, orderRefunds, orderWasCharged } from './money.js';
import { type CurrentPeriod, currentPeriodStart, offerPhaseKind, subscriptionPayments } from './subscription-period.js';

type SubscriptionPurchase = androidpublisher_v3.Schema$SubscriptionPurchaseV2;
type Order = androidpublisher_v3.Schema$Order;

export interface GoogleSubscriptionSnapshotInput {
  /** The app the token belongs to; not part of the snapshot. */
  packageName: string;
  purchaseToken: string;
  /** purchases.subscriptionsv2.get */
  purchase: SubscriptionPurchase;
  /** orders.get of the order funding the current period, or of the order a voided notification names. */
  order: Order | null;
  /** Earlier orders of the subscription, when Tollgate sees it first after they were paid. */
  earlierOrders?: readonly Order[];
  /** When Play answered: its answer carries no time of its own. */
  observedAt: Date;
}

export interface GoogleProductSnapshotInput {
  purchaseToken: string;
  productId: string;
  /** purchases.products.get */
  purchase: androidpublisher_v3.Schema$ProductPurchase;
  order: Order | null;
  observedAt: Date;
}

/** What Play says is true of one subscription purchase token, as of observedAt. */
export function googleSubscriptionSnapshot(input: GoogleSubscriptionSnapshotInput): StoreSnapshot {
  const { purchase, order, observedAt } = input;
  // Add-ons add line items; the first is the base subscription.
  const lineItem = required(purchase.lineItems?.[0], 'lineItems');
  const skuRefId = required(lineItem.productId, 'lineItems[0].productId');
  const expiresAt = optionalGoogleTime(lineItem.expiryTime, 'expiryTime');
  const status = subscriptionStatus(purchase, expiresAt, observedAt);
  const nextSku = lineItem.deferredItemReplacement?.productId;
  // Absent while pending: the order, or failing that the first sight of it, stands in.
  const purchasedAt =
    optionalGoogleTime(purchase.startTime, 'startTime') ??
    optionalGoogleTime(order?.createTime, 'order.createTime') ??
    observedAt;
  const period: CurrentPeriod = {
    skuRefId,
    kind: offerPhaseKind(lineItem.offerPhase),
    purchasedAt,
    start: currentPeriodStart(lineItem, order, purchasedAt),
    expiresAt,
  };
  return {
    store: 'google',
    environment: purchase.testPurchase ? 'sandbox' : 'production',
    storePurchaseId: input.purchaseToken,
    replacesStorePurchaseId: purchase.linkedPurchaseToken || null,
    skuRefId,
    productType: 'subscription',
    observedAt,
    status,
    periodKind: period.kind,
    purchasedAt,
    periodStart: period.start,
    expiresAt,
    autoRenew:
      purchase.subscriptionState !== 'SUBSCRIPTION_STATE_CANCELED' &&
      lineItem.autoRenewingPlan?.autoRenewEnabled === true,
    renewsToSkuRefId: nextSku && nextSku !== skuRefId ? nextSku : null,
    // In grace, Play's expiryTime is the end of the grace period.
    gracePeriodEndsAt: status === 'grace_period' ? expiresAt : null,
    resumesAt:
      status === 'paused' ? optionalGoogleTime(purchase.pausedStateContext?.autoResumeTime, 'autoResumeTime') : null,
    payments: neverCharged(purchase)
      ? []
      : [...(input.earlierOrders ?? []), order].flatMap((paid) =>
          subscriptionPayments(lineItem, paid, period, observedAt),
        ),
    refunds: order ? orderRefunds(order, observedAt) : [],
    appUserHint: purchase.externalAccountIdentifiers?.obfuscatedExternalAccountId || null,
    // Acknowledged once it gives access: a pending payment is not yet a purchase to keep.
    awaitsAcknowledgement:
      purchase.acknowledgementState === 'ACKNOWLEDGEMENT_STATE_PENDING' &&
      (status === 'active' || status === 'grace_period'),
  };
}

/** What Play says is true of one one-time product purchase token, as of observedAt. */
export function googleProductSnapshot(input: GoogleProductSnapshotInput): StoreSnapshot {
  const { purchase, order, observedAt } = input;
  const purchasedAt = googleMillis(required(purchase.purchaseTimeMillis, 'purchaseTimeMillis'), 'purchaseTimeMillis');
  const status = productStatus(purchase.purchaseState);
  return {
    store: 'google',
    // purchaseType 0 is a license tester's purchase (1 promo code and 2 rewarded are real users).
    environment: purchase.purchaseType === 0 ? 'sandbox' : 'production',
    storePurchaseId: input.purchaseToken,
    replacesStorePurchaseId: null,
    skuRefId: input.productId,
    // Play does not say whether a product is consumable, only whether this one was consumed.
    productType: purchase.consumptionState === 1 ? 'consumable' : 'non_consumable',
    observedAt,
    status,
    periodKind: 'normal',
    purchasedAt,
    periodStart: purchasedAt,
    expiresAt: null,
    autoRenew: false,
    renewsToSkuRefId: null,
    gracePeriodEndsAt: null,
    resumesAt: null,
    payments: status === 'pending' || order === null ? [] : productPayments(input, order, purchasedAt),
    refunds: order ? orderRefunds(order, observedAt) : [],
    appUserHint: purchase.obfuscatedExternalAccountId || null,
    // acknowledgementState 0: not yet acknowledged; purchaseState 0: purchased (not pending).
    awaitsAcknowledgement: purchase.acknowledgementState === 0 && purchase.purchaseState === 0,
  };
}

function subscriptionStatus(purchase: SubscriptionPurchase, expiresAt: Date | null, observedAt: Date): PurchaseStatus {
  const periodLeft = expiresAt !== null && expiresAt > observedAt;
  switch (purchase.subscriptionState) {
    case 'SUBSCRIPTION_STATE_ACTIVE':
      return 'active';
    // Auto-renew is off; access lasts until the paid period ends.
    case 'SUBSCRIPTION_STATE_CANCELED':
      return periodLeft ? 'active' : 'expired';
    case 'SUBSCRIPTION_STATE_IN_GRACE_PERIOD':
      return 'grace_period';
    case 'SUBSCRIPTION_STATE_ON_HOLD':
      return 'account_hold';
    case 'SUBSCRIPTION_STATE_PAUSED':
      return 'paused';
    case 'SUBSCRIPTION_STATE_EXPIRED':
      return periodLeft && endedByDeveloperOrSystem(purchase) ? 'revoked' : 'expired';
    case 'SUBSCRIPTION_STATE_PENDING':
      return 'pending';
    // The first payment never completed: it ended without ever starting.
    case 'SUBSCRIPTION_STATE_PENDING_PURCHASE_CANCELED':
      return 'expired';
    default:
      throw new StorePayloadError('google', `unknown subscriptionState ${JSON.stringify(purchase.subscriptionState)}`);
  }
}

/**
 * Play has no "revoked" state: a revocation (developer refund and revoke, or Google's own)
 * expires the subscription before its paid period is over. Running out of a period after a
 * cancellation or a failed payment is a plain expiry. A voided order alone is a refund.
 */
function endedByDeveloperOrSystem(purchase: SubscriptionPurchase): boolean {
  const context = purchase.canceledStateContext;
  return context?.developerInitiatedCancellation !== undefined || context?.systemInitiatedCancellation !== undefined;
}

function neverCharged(purchase: SubscriptionPurchase): boolean {
  return (
    purchase.subscriptionState === 'SUBSCRIPTION_STATE_PENDING' ||
    purchase.subscriptionState === 'SUBSCRIPTION_STATE_PENDING_PURCHASE_CANCELED'
  );
}

function productStatus(purchaseState: number | null | undefined): PurchaseStatus {
  switch (purchaseState) {
    case 0:
      return 'active';
    // Canceled: refunded or voided, or a pending payment that never completed.
    case 1:
      return 'revoked';
    case 2:
      return 'pending';
    default:
      throw new StorePayloadError('google', `unknown purchaseState ${JSON.stringify(purchaseState)}`);
  }
}

function productPayments(input: GoogleProductSnapshotInput, order: Order, purchasedAt: Date): Payment[] {
  const amount = orderAmount(order);
  if (!orderWasCharged(order) || amount === null || amount.micros <= 0) {
    return [];
  }
  return [
    {
      storeTransactionId: required(order.orderId || input.purchase.orderId, 'orderId'),
      kind: 'purchase',
      skuRefId: input.productId,
      periodKind: 'normal',
      amountMicros: amount.micros,
      currency: amount.currency,
      paidAt: optionalGoogleTime(order.createTime, 'order.createTime') ?? purchasedAt,
      periodStart: purchasedAt,
      periodEnd: null,
    },
  ];
}
