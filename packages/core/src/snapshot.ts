import type { ProductType, StorePlatform } from './catalog.js';

/** Where a purchase was made: a real store, its sandbox, or Tollgate's own test store. */
export const PURCHASE_ENVIRONMENTS = ['production', 'sandbox', 'nami_bypass_store'] as const;
export type PurchaseEnvironment = (typeof PURCHASE_ENVIRONMENTS)[number];

/** What the user pays in the current period. */
export const PERIOD_KINDS = ['normal', 'trial', 'intro', 'promotional'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * What the store says of a purchase now. For one-time products only `active`, `revoked`
 * and `pending` occur.
 * - `active`: paid (or in a free trial) for the current period
 * - `grace_period`: the renewal payment failed; the store keeps access open for a while
 * - `account_hold`: the renewal payment failed and access is closed while the store retries
 * - `paused`: the user paused; the store resumes it later (Google)
 * - `expired`: it ended (not renewed, or the store gave up retrying)
 * - `revoked`: refunded or revoked before its end (refund, family-sharing withdrawn)
 * - `pending`: bought but not yet paid (Google pending transactions)
 */
export const PURCHASE_STATUSES = [
  'active',
  'grace_period',
  'account_hold',
  'paused',
  'expired',
  'revoked',
  'pending',
] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

/** A payment the store reports: one revenue row. */
export interface Payment {
  /** Apple transactionId, Google order id, or the test store's id: unique per purchase. */
  storeTransactionId: string;
  kind: 'purchase' | 'renewal';
  skuRefId: string;
  periodKind: PeriodKind;
  /** In the store's currency, in millionths (9.99 USD is 9_990_000). */
  amountMicros: number;
  currency: string;
  paidAt: Date;
  periodStart: Date | null;
  periodEnd: Date | null;
}

/** Money the store gave back for one payment. */
export interface Refund {
  /** The payment refunded. */
  storeTransactionId: string;
  /** Positive: how much was given back; null for the whole payment (Google voided orders). */
  amountMicros: number | null;
  /** Null: the payment's currency. */
  currency: string | null;
  refundedAt: Date;
  /** A reversed refund (Apple REFUND_REVERSED): the money came back to the developer. */
  reversed: boolean;
}

/**
 * What one store says is true of one purchase, in terms that are the same for every
 * store. Adapters make these from verified store input; the engine compares two of them.
 */
export interface StoreSnapshot {
  store: StorePlatform;
  environment: PurchaseEnvironment;
  /** Apple original transaction id, Google purchase token, or the test store's purchase id. */
  storePurchaseId: string;
  /** A purchase this one replaces (Google linkedPurchaseToken after an upgrade or re-signup). */
  replacesStorePurchaseId: string | null;
  skuRefId: string;
  productType: ProductType;
  /** The store's own time for this state (Apple signedDate, Play's answer time): orders snapshots. */
  observedAt: Date;
  status: PurchaseStatus;
  periodKind: PeriodKind;
  purchasedAt: Date;
  periodStart: Date | null;
  /** When the current period ends; null for one-time products. */
  expiresAt: Date | null;
  autoRenew: boolean;
  /** The SKU the subscription renews into, when a change is scheduled for the next period. */
  renewsToSkuRefId: string | null;
  gracePeriodEndsAt: Date | null;
  /** When a paused subscription resumes by itself. */
  resumesAt: Date | null;
  /** Payments the store reports with this state (already known ones are skipped). */
  payments: Payment[];
  refunds: Refund[];
  /** An id the app attached to the purchase (Apple appAccountToken, Google obfuscated account id). */
  appUserHint: string | null;
  /**
   * The store refunds the purchase unless the seller acknowledges it (Google Play, within three
   * days of the purchase); absent for stores that ask nothing of the kind.
   */
  awaitsAcknowledgement?: boolean;
}
