import type {
  JWSRenewalInfoDecodedPayload,
  JWSTransactionDecodedPayload,
  ResponseBodyV2DecodedPayload,
} from '@apple/app-store-server-library';
import type { PeriodKind, ProductType, PurchaseEnvironment, PurchaseStatus, StoreSnapshot } from '@tollgate/core';
import { StorePayloadError } from '../store-payload-error.js';
import { appleDate, optionalAppleDate, required } from './fields.js';
import { applePayments, appleRefunds } from './money.js';

/** A verified notification with its verified transaction and, for subscriptions, renewal info. */
export interface AppleSnapshotInput {
  notification: ResponseBodyV2DecodedPayload;
  transaction: JWSTransactionDecodedPayload;
  renewalInfo: JWSRenewalInfoDecodedPayload | null;
}

interface AppleProduct {
  productType: ProductType;
  /** Only auto-renewable subscriptions have a status, renewal info and a next period. */
  autoRenewable: boolean;
}

/** What the App Store says is true of one purchase as of the notification's signedDate. */
export function appleSnapshot({ notification, transaction, renewalInfo }: AppleSnapshotInput): StoreSnapshot {
  const storePurchaseId = required(transaction.originalTransactionId, 'originalTransactionId');
  if (renewalInfo?.originalTransactionId !== undefined && renewalInfo.originalTransactionId !== storePurchaseId) {
    throw new StorePayloadError(
      'apple',
      `renewal info of ${renewalInfo.originalTransactionId} came with a transaction of ${storePurchaseId}`,
    );
  }
  const skuRefId = required(transaction.productId, 'productId');
  const product = appleProduct(transaction.type);
  const observedAt = appleDate(required(notification.signedDate, 'signedDate'));
  const periodStart = appleDate(required(transaction.purchaseDate, 'purchaseDate'));
  const periodKind = applePeriodKind(transaction);
  const status = appleStatus(notification, transaction, renewalInfo, product);
  const autoRenewProductId = renewalInfo?.autoRenewProductId;
  return {
    store: 'apple',
    environment: appleEnvironment(transaction.environment ?? notification.data?.environment),
    storePurchaseId,
    replacesStorePurchaseId: null,
    skuRefId,
    productType: product.productType,
    observedAt,
    status,
    periodKind,
    purchasedAt: appleDate(transaction.originalPurchaseDate ?? periodStart.getTime()),
    periodStart,
    expiresAt: product.productType === 'subscription' ? optionalAppleDate(transaction.expiresDate) : null,
    autoRenew: product.autoRenewable && renewalInfo?.autoRenewStatus === 1,
    renewsToSkuRefId:
      product.autoRenewable && autoRenewProductId && autoRenewProductId !== skuRefId ? autoRenewProductId : null,
    // Renewal info may keep the date after the grace period is over: it says nothing then.
    gracePeriodEndsAt: status === 'grace_period' ? optionalAppleDate(renewalInfo?.gracePeriodExpiresDate) : null,
    resumesAt: null,
    payments: applePayments(transaction, periodKind),
    refunds: appleRefunds(notification, transaction),
    appUserHint: transaction.appAccountToken || null,
  };
}

/**
 * What a signed transaction alone says (StoreKit 2, reported by a device): without Apple's
 * subscription status, its expiry and the renewal info decide, as of its own signedDate.
 */
export function appleTransactionSnapshot(input: {
  transaction: JWSTransactionDecodedPayload;
  renewalInfo: JWSRenewalInfoDecodedPayload | null;
}): StoreSnapshot {
  const { transaction } = input;
  return appleSnapshot({
    notification: { signedDate: transaction.signedDate, data: { environment: transaction.environment } },
    transaction,
    renewalInfo: input.renewalInfo,
  });
}

function appleProduct(type: string | undefined): AppleProduct {
  switch (type) {
    case 'Auto-Renewable Subscription':
      return { productType: 'subscription', autoRenewable: true };
    case 'Non-Renewing Subscription':
      return { productType: 'subscription', autoRenewable: false };
    case 'Non-Consumable':
      return { productType: 'non_consumable', autoRenewable: false };
    case 'Consumable':
      return { productType: 'consumable', autoRenewable: false };
    default:
      throw new StorePayloadError('apple', `unknown transaction type ${JSON.stringify(type)}`);
  }
}

function appleEnvironment(environment: string | undefined): PurchaseEnvironment {
  switch (environment) {
    case 'Production':
      return 'production';
    // Xcode and LocalTesting never reach a verified path; if they do, they are not real money.
    case 'Sandbox':
    case 'Xcode':
    case 'LocalTesting':
      return 'sandbox';
    default:
      throw new StorePayloadError('apple', `unknown environment ${JSON.stringify(environment)}`);
  }
}

/** offerType 1 introductory (a free trial when its discount is FREE_TRIAL), 2 promotional, 3 offer code, 4 win-back. */
function applePeriodKind(
  transaction: Pick<JWSTransactionDecodedPayload, 'offerType' | 'offerDiscountType'>,
): PeriodKind {
  switch (transaction.offerType) {
    case undefined:
    case null:
      return 'normal';
    case 1:
      return transaction.offerDiscountType === 'FREE_TRIAL' ? 'trial' : 'intro';
    case 2:
    case 3:
    case 4:
      return 'promotional';
  }
  // An offer type Apple added later is still a discount the developer set up: refusing
  // the whole purchase over it would lose its state.
  return 'promotional';
}

function appleStatus(
  notification: ResponseBodyV2DecodedPayload,
  transaction: JWSTransactionDecodedPayload,
  renewalInfo: JWSRenewalInfoDecodedPayload | null,
  product: AppleProduct,
): PurchaseStatus {
  const observedAt = required(notification.signedDate, 'signedDate');
  const reinstated = notification.notificationType === 'REFUND_REVERSED';
  const revoked = transaction.revocationDate !== undefined && transaction.revocationDate !== null;
  if (revoked && !reinstated) {
    return 'revoked';
  }
  const byExpiry = expiryStatus(transaction.expiresDate, observedAt);
  if (!product.autoRenewable) {
    return byExpiry;
  }
  // data.status is Apple's own word for the subscription as of signedDate.
  switch (notification.data?.status) {
    case 1:
      return 'active';
    case 2:
      return 'expired';
    case 3:
      return 'account_hold';
    case 4:
      return 'grace_period';
    case 5:
      // A reversed refund may arrive before Apple's status catches up.
      return reinstated ? byExpiry : 'revoked';
    case undefined:
    case null:
      return statusWithoutAppleStatus(renewalInfo, byExpiry, observedAt);
  }
  throw new StorePayloadError('apple', `unknown subscription status ${notification.data?.status}`);
}

/** Older payloads may lack data.status: the renewal info says whether billing is retrying. */
function statusWithoutAppleStatus(
  renewalInfo: JWSRenewalInfoDecodedPayload | null,
  byExpiry: PurchaseStatus,
  observedAt: number,
): PurchaseStatus {
  if (byExpiry === 'active' || renewalInfo?.isInBillingRetryPeriod !== true) {
    return byExpiry;
  }
  const graceEnds = renewalInfo.gracePeriodExpiresDate;
  return graceEnds !== undefined && graceEnds !== null && graceEnds > observedAt ? 'grace_period' : 'account_hold';
}

function expiryStatus(expiresDate: number | null | undefined, observedAt: number): PurchaseStatus {
  return expiresDate === undefined || expiresDate === null || expiresDate > observedAt ? 'active' : 'expired';
}
