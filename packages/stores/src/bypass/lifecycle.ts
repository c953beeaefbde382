import type { Payment, PeriodKind, ProductType, PurchaseState, StorePlatform, StoreSnapshot } from '@tollgate/core';

/**
 * Tollgate's own test store (the `nami_bypass_store` environment): purchases that no store
 * processed, driven step by step through the same engine as real ones, so that apps and
 * tests can exercise every part of a subscription's life without a store.
 */

const DAY_MS = 86_400_000;

export interface TestStorePrice {
  amountMicros: number;
  currency: string;
}

export interface NewTestPurchase {
  store: StorePlatform;
  storePurchaseId: string;
  skuRefId: string;
  productType: ProductType;
  /** A free trial or an introductory price for the first period. */
  offer: 'none' | 'trial' | 'intro';
  price: TestStorePrice;
  introPrice: TestStorePrice | null;
  periodDays: number;
  trialDays: number;
  at: Date;
}

export function startTestPurchase(input: NewTestPurchase): StoreSnapshot {
  const isSubscription = input.productType === 'subscription';
  const periodKind: PeriodKind = input.offer === 'none' ? 'normal' : input.offer;
  const days = input.offer === 'trial' ? input.trialDays : input.periodDays;
  const expiresAt = isSubscription ? new Date(input.at.getTime() + days * DAY_MS) : null;
  const price = input.offer === 'intro' ? (input.introPrice ?? input.price) : input.price;
  return {
    store: input.store,
    environment: 'nami_bypass_store',
    storePurchaseId: input.storePurchaseId,
    replacesStorePurchaseId: null,
    skuRefId: input.skuRefId,
    productType: input.productType,
    observedAt: input.at,
    status: 'active',
    periodKind: isSubscription ? periodKind : 'normal',
    purchasedAt: input.at,
    periodStart: isSubscription ? input.at : null,
    expiresAt,
    autoRenew: isSubscription,
    renewsToSkuRefId: null,
    gracePeriodEndsAt: null,
    resumesAt: null,
    payments:
      periodKind === 'trial' && isSubscription
        ? []
        : [
            payment(
              input.storePurchaseId,
              'purchase',
              input.skuRefId,
              isSubscription ? periodKind : 'normal',
              price,
              input.at,
              expiresAt,
            ),
          ],
    refunds: [],
    appUserHint: null,
  };
}

export const TEST_STORE_ACTIONS = [
  'renew',
  'cancel',
  'resume',
  'fail_billing',
  'enter_account_hold',
  'recover',
  'pause',
  'change_sku',
  'schedule_sku_change',
  'refund',
  'expire',
] as const;
export type TestStoreAction = (typeof TEST_STORE_ACTIONS)[number];

export interface TestStoreStep {
  action: TestStoreAction;
  at: Date;
  /** What the next period costs (renew, recover, resume, change_sku). */
  price: TestStorePrice;
  /** The SKU to move to (change_sku, schedule_sku_change). */
  skuRefId: string | null;
  periodDays: number;
  /** How long grace lasts after a failed payment, or a pause lasts. */
  days: number;
}

export type TestStoreStepResult =
  | { outcome: 'next'; snapshot: StoreSnapshot }
  | { outcome: 'not_possible'; reason: string };

/** The purchase after one step of its life, or why that step cannot happen now. */
export function stepTestPurchase(current: PurchaseState, step: TestStoreStep): TestStoreStepResult {
  const base: StoreSnapshot = {
    ...current,
    observedAt: step.at,
    replacesStorePurchaseId: null,
    payments: [],
    refunds: [],
    appUserHint: null,
  };
  const subscriptionOnly =
    current.productType !== 'subscription' && step.action !== 'refund' && step.action !== 'expire';
  if (subscriptionOnly) {
    return { outcome: 'not_possible', reason: `${step.action} applies to subscriptions only` };
  }
  const newPeriod = (skuRefId: string, kind: Payment['kind'], start: Date): StoreSnapshot => {
    const expiresAt = new Date(start.getTime() + step.periodDays * DAY_MS);
    return {
      ...base,
      status: 'active',
      skuRefId,
      periodKind: 'normal',
      periodStart: start,
      expiresAt,
      autoRenew: true,
      renewsToSkuRefId: null,
      gracePeriodEndsAt: null,
      resumesAt: null,
      payments: [payment(current.storePurchaseId, kind, skuRefId, 'normal', step.price, start, expiresAt)],
    };
  };
  switch (step.action) {
    case 'renew': {
      if (current.status !== 'active') {
        return {
          outcome: 'not_possible',
          reason: `a ${current.status} subscription does not renew: recover or resume it`,
        };
      }
      const start = current.expiresAt ?? step.at;
      return { outcome: 'next', snapshot: newPeriod(current.renewsToSkuRefId ?? current.skuRefId, 'renewal', start) };
    }
    case 'cancel':
      return current.status === 'active' || current.status === 'grace_period'
        ? { outcome: 'next', snapshot: { ...base, autoRenew: false } }
        : { outcome: 'not_possible', reason: `a ${current.status} subscription cannot be cancelled` };
    case 'resume':
      if (current.status === 'paused') {
        return { outcome: 'next', snapshot: newPeriod(current.skuRefId, 'renewal', step.at) };
      }
      return current.status === 'active' || current.status === 'grace_period'
        ? { outcome: 'next', snapshot: { ...base, autoRenew: true } }
        : { outcome: 'not_possible', reason: `a ${current.status} subscription cannot be resumed` };
    case 'fail_billing':
      return current.status === 'active'
        ? {
            outcome: 'next',
            snapshot: {
              ...base,
              status: 'grace_period',
              gracePeriodEndsAt: new Date((current.expiresAt ?? step.at).getTime() + step.days * DAY_MS),
            },
          }
        : {
            outcome: 'not_possible',
            reason: `billing can only fail for an active subscription, not a ${current.status} one`,
          };
    case 'enter_account_hold':
      return current.status === 'active' || current.status === 'grace_period'
        ? { outcome: 'next', snapshot: { ...base, status: 'account_hold', gracePeriodEndsAt: null } }
        : { outcome: 'not_possible', reason: `a ${current.status} subscription cannot go on hold` };
    case 'recover':
      return current.status === 'grace_period' || current.status === 'account_hold'
        ? { outcome: 'next', snapshot: newPeriod(current.skuRefId, 'renewal', step.at) }
        : {
            outcome: 'not_possible',
            reason: `only a subscription in grace or on hold recovers, not a ${current.status} one`,
          };
    case 'pause':
      return current.status === 'active'
        ? {
            outcome: 'next',
            snapshot: { ...base, status: 'paused', resumesAt: new Date(step.at.getTime() + step.days * DAY_MS) },
          }
        : { outcome: 'not_possible', reason: `a ${current.status} subscription cannot be paused` };
    case 'change_sku':
      return step.skuRefId === null
        ? { outcome: 'not_possible', reason: 'change_sku needs the SKU to move to' }
        : current.status === 'active'
          ? { outcome: 'next', snapshot: newPeriod(step.skuRefId, 'purchase', step.at) }
          : { outcome: 'not_possible', reason: `a ${current.status} subscription cannot change SKU` };
    case 'schedule_sku_change':
      return step.skuRefId === null
        ? { outcome: 'not_possible', reason: 'schedule_sku_change needs the SKU to move to' }
        : {
            outcome: 'next',
            snapshot: { ...base, renewsToSkuRefId: step.skuRefId === current.skuRefId ? null : step.skuRefId },
          };
    case 'refund':
      return current.status === 'revoked'
        ? { outcome: 'not_possible', reason: 'the purchase is refunded already' }
        : {
            outcome: 'next',
            snapshot: { ...base, status: 'revoked', autoRenew: false, refunds: [refundOfLatest(current, step.at)] },
          };
    case 'expire':
      return current.status === 'expired' || current.status === 'revoked'
        ? { outcome: 'not_possible', reason: `the purchase is ${current.status} already` }
        : { outcome: 'next', snapshot: { ...base, status: 'expired', autoRenew: false } };
  }
}

/** Test-store payment ids: the purchase id and the period's start, unique per purchase. */
function payment(
  storePurchaseId: string,
  kind: Payment['kind'],
  skuRefId: string,
  periodKind: PeriodKind,
  price: TestStorePrice,
  start: Date,
  end: Date | null,
): Payment {
  return {
    storeTransactionId: `${storePurchaseId}.${start.getTime()}`,
    kind,
    skuRefId,
    periodKind,
    amountMicros: price.amountMicros,
    currency: price.currency,
    paidAt: start,
    periodStart: start,
    periodEnd: end,
  };
}

/** The whole of the current period's payment goes back. */
function refundOfLatest(current: PurchaseState, at: Date) {
  return {
    storeTransactionId: `${current.storePurchaseId}.${(current.periodStart ?? current.purchasedAt).getTime()}`,
    amountMicros: null,
    currency: null,
    refundedAt: at,
    reversed: false,
  };
}
