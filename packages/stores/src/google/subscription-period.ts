import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import type { Payment, PeriodKind } from '@tollgate/core';
import { optionalGoogleTime } from './fields.js';
import { amountOf, isRenewalOrderId, orderAmount, orderWasCharged } from './money.js';

type LineItem = androidpublisher_v3.Schema$SubscriptionPurchaseLineItem;
type Order = androidpublisher_v3.Schema$Order;

/** The period a subscription is in now, as the snapshot reports it. */
export interface CurrentPeriod {
  skuRefId: string;
  kind: PeriodKind;
  purchasedAt: Date;
  start: Date | null;
  expiresAt: Date | null;
}

/** Exactly one phase is set; proration after a plan change runs at the normal price. */
export function offerPhaseKind(phase: androidpublisher_v3.Schema$OfferPhase | undefined): PeriodKind {
  if (phase?.freeTrial) {
    return 'trial';
  }
  if (phase?.introductoryPrice) {
    return 'intro';
  }
  return 'normal';
}

/** The first period starts with the subscription; when a later one started only its order knows. */
export function currentPeriodStart(lineItem: LineItem, order: Order | null, purchasedAt: Date): Date | null {
  const latest = lineItem.latestSuccessfulOrderId;
  if (latest && !isRenewalOrderId(latest)) {
    return purchasedAt;
  }
  if (latest && order?.orderId === latest) {
    return optionalGoogleTime(
      order.lineItems?.[0]?.subscriptionDetails?.servicePeriodStartTime,
      'servicePeriodStartTime',
    );
  }
  return null;
}

/**
 * The order as a payment (the engine skips known ones). Without the order: the current
 * period's order at the plan's recurring price, but only in a base-price phase, since
 * recurringPrice ignores intro prices and proration credit, and a wrong amount, once
 * booked under an order id, stays.
 */
export function subscriptionPayments(
  lineItem: LineItem,
  order: Order | null,
  period: CurrentPeriod,
  observedAt: Date,
): Payment[] {
  const orderId = order?.orderId || lineItem.latestSuccessfulOrderId;
  if (!orderId || (order !== null && !orderWasCharged(order))) {
    return [];
  }
  const current = orderId === lineItem.latestSuccessfulOrderId;
  const details = order?.lineItems?.[0]?.subscriptionDetails;
  const periodKind = orderPhaseKind(details?.offerPhaseDetails) ?? (current ? period.kind : 'normal');
  const listPriced = current && (lineItem.offerPhase === undefined || lineItem.offerPhase.basePrice !== undefined);
  const amount =
    (order ? orderAmount(order) : null) ?? (listPriced ? amountOf(lineItem.autoRenewingPlan?.recurringPrice) : null);
  if (periodKind === 'trial' || amount === null || amount.micros <= 0) {
    return [];
  }
  const renewal = isRenewalOrderId(orderId);
  return [
    {
      storeTransactionId: orderId,
      kind: renewal ? 'renewal' : 'purchase',
      skuRefId: order?.lineItems?.[0]?.productId || period.skuRefId,
      periodKind,
      amountMicros: amount.micros,
      currency: amount.currency,
      // Without an order, Play's answer is the closest time a renewal is known by.
      paidAt: optionalGoogleTime(order?.createTime, 'order.createTime') ?? (renewal ? observedAt : period.purchasedAt),
      periodStart:
        optionalGoogleTime(details?.servicePeriodStartTime, 'servicePeriodStartTime') ??
        (current ? period.start : null),
      periodEnd:
        optionalGoogleTime(details?.servicePeriodEndTime, 'servicePeriodEndTime') ??
        (current ? period.expiresAt : null),
    },
  ];
}

/** The phase an order paid for, which for an older order may differ from the current one. */
function orderPhaseKind(details: androidpublisher_v3.Schema$OfferPhaseDetails | undefined): PeriodKind | null {
  if (details?.freeTrialDetails) {
    return 'trial';
  }
  if (details?.introductoryPriceDetails) {
    return 'intro';
  }
  if (details?.baseDetails || details?.prorationPeriodDetails) {
    return 'normal';
  }
  return null;
}
