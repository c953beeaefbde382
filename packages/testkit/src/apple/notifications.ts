import { randomUUID } from 'node:crypto';
import type {
  JWSRenewalInfoDecodedPayload,
  JWSTransactionDecodedPayload,
  ResponseBodyV2DecodedPayload,
} from '@apple/app-store-server-library';
import { DAY_MS, FIXTURE_NOW_MS } from '../fixture-time.js';
import type { AppleTestPki } from './test-pki.js';

export const APPLE_BUNDLE_ID = 'com.example.app';
/** Only Production payloads carry an appAppleId; Apple omits it in Sandbox. */
export const APPLE_APP_APPLE_ID = 1234567890;

// Overrides may set a field to undefined to drop it: JSON.stringify leaves it out of the JWS.

/** A decoded App Store transaction: a first monthly purchase at FIXTURE_NOW_MS, 9.99 USD, Sandbox. */
export function anAppleTransaction(
  overrides: Partial<JWSTransactionDecodedPayload> = {},
): JWSTransactionDecodedPayload {
  return {
    originalTransactionId: '2000000000000001',
    transactionId: '2000000000000001',
    webOrderLineItemId: '2000000000000101',
    bundleId: APPLE_BUNDLE_ID,
    productId: 'pro.monthly',
    subscriptionGroupIdentifier: '21000001',
    purchaseDate: FIXTURE_NOW_MS,
    originalPurchaseDate: FIXTURE_NOW_MS,
    expiresDate: FIXTURE_NOW_MS + 30 * DAY_MS,
    quantity: 1,
    type: 'Auto-Renewable Subscription',
    inAppOwnershipType: 'PURCHASED',
    signedDate: FIXTURE_NOW_MS,
    environment: 'Sandbox',
    transactionReason: 'PURCHASE',
    storefront: 'USA',
    storefrontId: '143441',
    price: 9990,
    currency: 'USD',
    appTransactionId: '704000000000000001',
    ...overrides,
  };
}

/** Decoded renewal info matching anAppleTransaction(): auto-renew on, same product and price. */
export function anAppleRenewalInfo(
  overrides: Partial<JWSRenewalInfoDecodedPayload> = {},
): JWSRenewalInfoDecodedPayload {
  return {
    originalTransactionId: '2000000000000001',
    productId: 'pro.monthly',
    autoRenewProductId: 'pro.monthly',
    autoRenewStatus: 1,
    renewalDate: FIXTURE_NOW_MS + 30 * DAY_MS,
    renewalPrice: 9990,
    currency: 'USD',
    recentSubscriptionStartDate: FIXTURE_NOW_MS,
    environment: 'Sandbox',
    signedDate: FIXTURE_NOW_MS,
    appTransactionId: '704000000000000001',
    ...overrides,
  };
}

/** The library skips signature checks for Xcode and LocalTesting: use them only to prove a server refuses them. */
export type AppleEnvironment = 'Sandbox' | 'Production' | 'Xcode' | 'LocalTesting';

export interface AppleNotificationOptions {
  notificationType: string;
  subtype?: string;
  /** Random by default; pass one to replay the same notification (Apple keeps it across retries). */
  notificationUUID?: string;
  signedDate?: number;
  environment?: AppleEnvironment;
  bundleId?: string;
  /** Defaults to APPLE_APP_APPLE_ID in Production, absent in Sandbox, as Apple sends it. */
  appAppleId?: number;
  /** data.status: 1 active, 2 expired, 3 billing retry, 4 grace period, 5 revoked. */
  status?: number;
  /**
   * Overrides for the nested transaction (environment, bundleId and signedDate follow the
   * notification unless given); null leaves signedTransactionInfo out.
   */
  transaction?: Partial<JWSTransactionDecodedPayload> | null;
  /** Overrides for the nested renewal info (defaults follow the transaction); null leaves it out. */
  renewalInfo?: Partial<JWSRenewalInfoDecodedPayload> | null;
  /** Signs the nested JWSs with another PKI: an outer signature that is valid around a forged inner one. */
  innerPki?: AppleTestPki;
}

/** The HTTP body Apple POSTs for an App Store Server Notification V2, signed by `pki`. */
export function anAppleNotification(pki: AppleTestPki, options: AppleNotificationOptions): { signedPayload: string } {
  const environment = options.environment ?? 'Sandbox';
  const bundleId = options.bundleId ?? APPLE_BUNDLE_ID;
  const signedDate = options.signedDate ?? FIXTURE_NOW_MS;
  const appAppleId = 'appAppleId' in options ? options.appAppleId : defaultAppAppleId(environment);
  const inner = options.innerPki ?? pki;

  const transaction = anAppleTransaction({ environment, bundleId, signedDate, ...options.transaction });
  const renewalInfo = anAppleRenewalInfo({
    originalTransactionId: transaction.originalTransactionId,
    productId: transaction.productId,
    autoRenewProductId: transaction.productId,
    renewalDate: transaction.expiresDate,
    renewalPrice: transaction.price,
    currency: transaction.currency,
    recentSubscriptionStartDate: transaction.originalPurchaseDate,
    appTransactionId: transaction.appTransactionId,
    environment,
    signedDate,
    ...options.renewalInfo,
  });

  const payload: ResponseBodyV2DecodedPayload = {
    notificationType: options.notificationType,
    subtype: options.subtype,
    notificationUUID: options.notificationUUID ?? randomUUID(),
    version: '2.0',
    signedDate,
    data: {
      appAppleId,
      bundleId,
      bundleVersion: '1',
      environment,
      status: options.status ?? 1,
      signedTransactionInfo: options.transaction === null ? undefined : inner.sign(transaction),
      signedRenewalInfo: options.renewalInfo === null ? undefined : inner.sign(renewalInfo),
    },
  };
  return { signedPayload: pki.sign(payload) };
}

function defaultAppAppleId(environment: AppleEnvironment): number | undefined {
  return environment === 'Production' ? APPLE_APP_APPLE_ID : undefined;
}
