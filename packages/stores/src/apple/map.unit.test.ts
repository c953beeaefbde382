import type {
  JWSRenewalInfoDecodedPayload,
  JWSTransactionDecodedPayload,
  ResponseBodyV2DecodedPayload,
} from '@apple/app-store-server-library';
import type { StoreSnapshot } from '@tollgate/core';
import { describe, expect, test } from 'vitest';
import { StorePayloadError } from '../store-payload-error.js';
import { type AppleSnapshotInput, appleSnapshot } from './map.js';

const T0 = Date.UTC(2025, 0, 15, 12);
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms);

/** A first monthly purchase at T0, 9.99 USD, in Sandbox. */
function aTransaction(overrides: Partial<JWSTransactionDecodedPayload> = {}): JWSTransactionDecodedPayload {
  return {
    originalTransactionId: '2000000000000001',
    transactionId: '2000000000000001',
    webOrderLineItemId: '2000000000000101',
    bundleId: 'com.example.app',
    productId: 'pro.monthly',
    subscriptionGroupIdentifier: '21000001',
    purchaseDate: T0,
    originalPurchaseDate: T0,
    expiresDate: T0 + 30 * DAY,
    quantity: 1,
    type: 'Auto-Renewable Subscription',
    inAppOwnershipType: 'PURCHASED',
    signedDate: T0,
    environment: 'Sandbox',
    transactionReason: 'PURCHASE',
    storefront: 'USA',
    storefrontId: '143441',
    price: 9990,
    currency: 'USD',
    appAccountToken: '7f3c1a52-9a7e-4a43-8f0e-2b9c6f1d2e11',
    ...overrides,
  };
}

function aRenewalInfo(overrides: Partial<JWSRenewalInfoDecodedPayload> = {}): JWSRenewalInfoDecodedPayload {
  return {
    originalTransactionId: '2000000000000001',
    productId: 'pro.monthly',
    autoRenewProductId: 'pro.monthly',
    autoRenewStatus: 1,
    renewalDate: T0 + 30 * DAY,
    renewalPrice: 9990,
    currency: 'USD',
    recentSubscriptionStartDate: T0,
    environment: 'Sandbox',
    signedDate: T0,
    ...overrides,
  };
}

interface Case {
  notificationType: string;
  subtype?: string;
  /** data.status; omitted for one-time products, as Apple does. */
  status?: number;
  signedDate?: number;
  transaction?: Partial<JWSTransactionDecodedPayload>;
  /** null: no renewal info (one-time products). */
  renewalInfo?: Partial<JWSRenewalInfoDecodedPayload> | null;
}

function anInput(c: Case): AppleSnapshotInput {
  const transaction = aTransaction(c.transaction);
  const notification: ResponseBodyV2DecodedPayload = {
    notificationType: c.notificationType,
    subtype: c.subtype,
    notificationUUID: '8b3c6f0e-0000-4000-8000-000000000001',
    version: '2.0',
    signedDate: c.signedDate ?? T0,
    data: {
      bundleId: 'com.example.app',
      bundleVersion: '42',
      environment: transaction.environment,
      status: c.status,
      signedTransactionInfo: 'header.transaction.signature',
      signedRenewalInfo: c.renewalInfo === null ? undefined : 'header.renewal.signature',
    },
  };
  return {
    notification,
    transaction,
    renewalInfo: c.renewalInfo === null ? null : aRenewalInfo(c.renewalInfo),
  };
}

const paidMonth = {
  storeTransactionId: '2000000000000001',
  kind: 'purchase',
  skuRefId: 'pro.monthly',
  periodKind: 'normal',
  amountMicros: 9_990_000,
  currency: 'USD',
  paidAt: at(T0),
  periodStart: at(T0),
  periodEnd: at(T0 + 30 * DAY),
} as const;

const renewal = {
  transactionId: '2000000000000002',
  transactionReason: 'RENEWAL',
  purchaseDate: T0 + 30 * DAY,
  expiresDate: T0 + 60 * DAY,
} as const;

const yearlyUpgrade = {
  transactionId: '2000000000000003',
  productId: 'pro.yearly',
  purchaseDate: T0 + 10 * DAY,
  expiresDate: T0 + 375 * DAY,
  price: 99_990,
} as const;

const refunded = { revocationDate: T0 + 5 * DAY, revocationReason: 0, revocationType: 'REFUND_FULL' } as const;

const cases: [string, Case, Partial<StoreSnapshot>][] = [
  [
    'SUBSCRIBED INITIAL_BUY into a free trial is an active trial with no payment',
    {
      notificationType: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      status: 1,
      transaction: { offerType: 1, offerDiscountType: 'FREE_TRIAL', price: 0, expiresDate: T0 + 7 * DAY },
    },
    {
      store: 'apple',
      environment: 'sandbox',
      storePurchaseId: '2000000000000001',
      replacesStorePurchaseId: null,
      skuRefId: 'pro.monthly',
      productType: 'subscription',
      observedAt: at(T0),
      status: 'active',
      periodKind: 'trial',
      purchasedAt: at(T0),
      periodStart: at(T0),
      expiresAt: at(T0 + 7 * DAY),
      autoRenew: true,
      renewsToSkuRefId: null,
      gracePeriodEndsAt: null,
      resumesAt: null,
      payments: [],
      refunds: [],
      appUserHint: '7f3c1a52-9a7e-4a43-8f0e-2b9c6f1d2e11',
    },
  ],
  [
    'SUBSCRIBED INITIAL_BUY at full price is active and reports the purchase as a payment',
    { notificationType: 'SUBSCRIBED', subtype: 'INITIAL_BUY', status: 1 },
    { status: 'active', periodKind: 'normal', payments: [paidMonth], refunds: [] },
  ],
  [
    'SUBSCRIBED RESUBSCRIBE keeps the first purchase date and starts a new period',
    {
      notificationType: 'SUBSCRIBED',
      subtype: 'RESUBSCRIBE',
      status: 1,
      transaction: { transactionId: '2000000000000009', originalPurchaseDate: T0 - 90 * DAY },
    },
    {
      status: 'active',
      purchasedAt: at(T0 - 90 * DAY),
      periodStart: at(T0),
      payments: [{ ...paidMonth, storeTransactionId: '2000000000000009', kind: 'purchase' }],
    },
  ],
  [
    'DID_RENEW reports the new period and a renewal payment',
    { notificationType: 'DID_RENEW', status: 1, signedDate: T0 + 30 * DAY, transaction: renewal },
    {
      status: 'active',
      purchasedAt: at(T0),
      periodStart: at(T0 + 30 * DAY),
      expiresAt: at(T0 + 60 * DAY),
      payments: [
        {
          ...paidMonth,
          storeTransactionId: '2000000000000002',
          kind: 'renewal',
          paidAt: at(T0 + 30 * DAY),
          periodStart: at(T0 + 30 * DAY),
          periodEnd: at(T0 + 60 * DAY),
        },
      ],
    },
  ],
  [
    'DID_RENEW BILLING_RECOVERY is active again and ignores a stale grace period date',
    {
      notificationType: 'DID_RENEW',
      subtype: 'BILLING_RECOVERY',
      status: 1,
      signedDate: T0 + 40 * DAY,
      transaction: { ...renewal, purchaseDate: T0 + 40 * DAY, expiresDate: T0 + 70 * DAY },
      renewalInfo: { gracePeriodExpiresDate: T0 + 46 * DAY },
    },
    {
      status: 'active',
      periodStart: at(T0 + 40 * DAY),
      expiresAt: at(T0 + 70 * DAY),
      gracePeriodEndsAt: null,
      payments: [expect.objectContaining({ storeTransactionId: '2000000000000002', kind: 'renewal' })],
    },
  ],
  [
    'DID_CHANGE_RENEWAL_STATUS AUTO_RENEW_DISABLED stays active with auto-renew off',
    {
      notificationType: 'DID_CHANGE_RENEWAL_STATUS',
      subtype: 'AUTO_RENEW_DISABLED',
      status: 1,
      signedDate: T0 + 3 * DAY,
      renewalInfo: { autoRenewStatus: 0 },
    },
    { status: 'active', autoRenew: false, expiresAt: at(T0 + 30 * DAY), observedAt: at(T0 + 3 * DAY) },
  ],
  [
    'DID_CHANGE_RENEWAL_STATUS AUTO_RENEW_ENABLED stays active with auto-renew on',
    {
      notificationType: 'DID_CHANGE_RENEWAL_STATUS',
      subtype: 'AUTO_RENEW_ENABLED',
      status: 1,
      signedDate: T0 + 4 * DAY,
      renewalInfo: { autoRenewStatus: 1 },
    },
    { status: 'active', autoRenew: true },
  ],
  [
    'DID_CHANGE_RENEWAL_PREF UPGRADE moves to the new product at once, with its own payment',
    {
      notificationType: 'DID_CHANGE_RENEWAL_PREF',
      subtype: 'UPGRADE',
      status: 1,
      signedDate: T0 + 10 * DAY,
      transaction: yearlyUpgrade,
      renewalInfo: { productId: 'pro.yearly', autoRenewProductId: 'pro.yearly' },
    },
    {
      status: 'active',
      skuRefId: 'pro.yearly',
      periodStart: at(T0 + 10 * DAY),
      expiresAt: at(T0 + 375 * DAY),
      renewsToSkuRefId: null,
      payments: [
        expect.objectContaining({
          storeTransactionId: '2000000000000003',
          kind: 'purchase',
          skuRefId: 'pro.yearly',
          amountMicros: 99_990_000,
        }),
      ],
    },
  ],
  [
    'DID_CHANGE_RENEWAL_PREF DOWNGRADE keeps the current product and schedules the next one',
    {
      notificationType: 'DID_CHANGE_RENEWAL_PREF',
      subtype: 'DOWNGRADE',
      status: 1,
      signedDate: T0 + 20 * DAY,
      transaction: yearlyUpgrade,
      renewalInfo: { productId: 'pro.yearly', autoRenewProductId: 'pro.monthly' },
    },
    { status: 'active', skuRefId: 'pro.yearly', renewsToSkuRefId: 'pro.monthly', autoRenew: true },
  ],
  [
    'DID_CHANGE_RENEWAL_PREF without subtype (downgrade cancelled) schedules nothing',
    {
      notificationType: 'DID_CHANGE_RENEWAL_PREF',
      status: 1,
      signedDate: T0 + 21 * DAY,
      transaction: yearlyUpgrade,
      renewalInfo: { productId: 'pro.yearly', autoRenewProductId: 'pro.yearly' },
    },
    { skuRefId: 'pro.yearly', renewsToSkuRefId: null },
  ],
  [
    'OFFER_REDEEMED on the current subscription is a promotional period paid at the offer price',
    {
      notificationType: 'OFFER_REDEEMED',
      status: 1,
      signedDate: T0 + 30 * DAY,
      transaction: {
        ...renewal,
        offerType: 2,
        offerDiscountType: 'PAY_AS_YOU_GO',
        offerIdentifier: 'winter',
        price: 4990,
      },
    },
    {
      status: 'active',
      periodKind: 'promotional',
      payments: [expect.objectContaining({ kind: 'renewal', periodKind: 'promotional', amountMicros: 4_990_000 })],
    },
  ],
  [
    'OFFER_REDEEMED INITIAL_BUY with an offer code is a promotional first purchase',
    {
      notificationType: 'OFFER_REDEEMED',
      subtype: 'INITIAL_BUY',
      status: 1,
      transaction: { offerType: 3, offerDiscountType: 'PAY_UP_FRONT', offerIdentifier: 'CODE2025', price: 1990 },
    },
    {
      periodKind: 'promotional',
      payments: [expect.objectContaining({ kind: 'purchase', periodKind: 'promotional', amountMicros: 1_990_000 })],
    },
  ],
  [
    'DID_FAIL_TO_RENEW GRACE_PERIOD keeps access until the grace period ends',
    {
      notificationType: 'DID_FAIL_TO_RENEW',
      subtype: 'GRACE_PERIOD',
      status: 4,
      signedDate: T0 + 30 * DAY,
      renewalInfo: { isInBillingRetryPeriod: true, gracePeriodExpiresDate: T0 + 46 * DAY, expirationIntent: 2 },
    },
    {
      status: 'grace_period',
      gracePeriodEndsAt: at(T0 + 46 * DAY),
      expiresAt: at(T0 + 30 * DAY),
      autoRenew: true,
    },
  ],
  [
    'DID_FAIL_TO_RENEW without subtype puts the subscription on hold while Apple retries',
    {
      notificationType: 'DID_FAIL_TO_RENEW',
      status: 3,
      signedDate: T0 + 30 * DAY,
      renewalInfo: { isInBillingRetryPeriod: true, expirationIntent: 2 },
    },
    { status: 'account_hold', gracePeriodEndsAt: null },
  ],
  [
    'GRACE_PERIOD_EXPIRED puts the subscription on hold while Apple keeps retrying',
    {
      notificationType: 'GRACE_PERIOD_EXPIRED',
      status: 3,
      signedDate: T0 + 46 * DAY,
      renewalInfo: { isInBillingRetryPeriod: true, gracePeriodExpiresDate: T0 + 46 * DAY },
    },
    { status: 'account_hold', gracePeriodEndsAt: null },
  ],
  ...(['VOLUNTARY', 'BILLING_RETRY', 'PRICE_INCREASE', 'PRODUCT_NOT_FOR_SALE', undefined] as const).map(
    (subtype): [string, Case, Partial<StoreSnapshot>] => [
      `EXPIRED ${subtype ?? 'without subtype'} is expired with auto-renew off`,
      {
        notificationType: 'EXPIRED',
        subtype,
        status: 2,
        signedDate: T0 + 30 * DAY,
        renewalInfo: { autoRenewStatus: 0, expirationIntent: 1 },
      },
      { status: 'expired', autoRenew: false, expiresAt: at(T0 + 30 * DAY), observedAt: at(T0 + 30 * DAY) },
    ],
  ),
  [
    'REFUND of the whole price revokes the purchase and refunds the payment in full',
    { notificationType: 'REFUND', status: 5, signedDate: T0 + 5 * DAY, transaction: refunded },
    {
      status: 'revoked',
      payments: [paidMonth],
      refunds: [
        {
          storeTransactionId: '2000000000000001',
          amountMicros: 9_990_000,
          currency: 'USD',
          refundedAt: at(T0 + 5 * DAY),
          reversed: false,
        },
      ],
    },
  ],
  [
    'REFUND prorated refunds revocationPercentage (milliunits of a percent) of the price',
    {
      notificationType: 'REFUND',
      status: 5,
      signedDate: T0 + 5 * DAY,
      transaction: { ...refunded, revocationType: 'REFUND_PRORATED', revocationPercentage: 33_333 },
    },
    { status: 'revoked', refunds: [expect.objectContaining({ amountMicros: 3_329_967, reversed: false })] },
  ],
  [
    'REFUND_DECLINED changes nothing: still active, no refund',
    { notificationType: 'REFUND_DECLINED', status: 1, signedDate: T0 + 6 * DAY },
    { status: 'active', refunds: [] },
  ],
  [
    'REFUND_REVERSED reinstates an unexpired subscription and reverses the refund',
    { notificationType: 'REFUND_REVERSED', status: 1, signedDate: T0 + 8 * DAY, transaction: refunded },
    {
      status: 'active',
      refunds: [
        {
          storeTransactionId: '2000000000000001',
          amountMicros: 9_990_000,
          currency: 'USD',
          refundedAt: at(T0 + 5 * DAY),
          reversed: true,
        },
      ],
    },
  ],
  [
    'REFUND_REVERSED after the period ended reinstates it as expired, whatever the lagging status',
    { notificationType: 'REFUND_REVERSED', status: 5, signedDate: T0 + 31 * DAY, transaction: refunded },
    { status: 'expired', refunds: [expect.objectContaining({ reversed: true })] },
  ],
  [
    'REFUND_REVERSED whose transaction no longer shows the refund reverses the whole refund at signedDate',
    { notificationType: 'REFUND_REVERSED', status: 1, signedDate: T0 + 8 * DAY },
    {
      status: 'active',
      refunds: [
        {
          storeTransactionId: '2000000000000001',
          amountMicros: null,
          currency: null,
          refundedAt: at(T0 + 8 * DAY),
          reversed: true,
        },
      ],
    },
  ],
  [
    "REVOKE withdraws family-shared access: revoked, and no money is the family member's",
    {
      notificationType: 'REVOKE',
      status: 5,
      signedDate: T0 + 9 * DAY,
      transaction: {
        originalTransactionId: '2000000000000051',
        transactionId: '2000000000000051',
        inAppOwnershipType: 'FAMILY_SHARED',
        revocationDate: T0 + 9 * DAY,
        revocationType: 'FAMILY_REVOKE',
      },
      renewalInfo: { originalTransactionId: '2000000000000051' },
    },
    { storePurchaseId: '2000000000000051', status: 'revoked', payments: [], refunds: [] },
  ],
  [
    'PRICE_INCREASE PENDING leaves the subscription as it is',
    {
      notificationType: 'PRICE_INCREASE',
      subtype: 'PENDING',
      status: 1,
      signedDate: T0 + 12 * DAY,
      renewalInfo: { priceIncreaseStatus: 0, renewalPrice: 12_990 },
    },
    { status: 'active', autoRenew: true, renewsToSkuRefId: null },
  ],
  [
    'PRICE_INCREASE ACCEPTED leaves the subscription as it is',
    {
      notificationType: 'PRICE_INCREASE',
      subtype: 'ACCEPTED',
      status: 1,
      signedDate: T0 + 13 * DAY,
      renewalInfo: { priceIncreaseStatus: 1, renewalPrice: 12_990 },
    },
    { status: 'active', autoRenew: true },
  ],
  [
    'RENEWAL_EXTENDED moves the end of the period',
    {
      notificationType: 'RENEWAL_EXTENDED',
      status: 1,
      signedDate: T0 + 14 * DAY,
      transaction: { expiresDate: T0 + 37 * DAY },
      renewalInfo: { renewalDate: T0 + 37 * DAY },
    },
    { status: 'active', periodStart: at(T0), expiresAt: at(T0 + 37 * DAY) },
  ],
  [
    'RENEWAL_EXTENSION FAILURE reports the subscription unchanged',
    { notificationType: 'RENEWAL_EXTENSION', subtype: 'FAILURE', status: 1, signedDate: T0 + 14 * DAY },
    { status: 'active', expiresAt: at(T0 + 30 * DAY) },
  ],
  [
    'CONSUMPTION_REQUEST for a consumable reports it as bought, with no period',
    {
      notificationType: 'CONSUMPTION_REQUEST',
      signedDate: T0 + 2 * DAY,
      transaction: {
        originalTransactionId: '2000000000000061',
        transactionId: '2000000000000061',
        productId: 'coins.100',
        type: 'Consumable',
        expiresDate: undefined,
        price: 990,
      },
      renewalInfo: null,
    },
    {
      productType: 'consumable',
      status: 'active',
      expiresAt: null,
      autoRenew: false,
      payments: [
        expect.objectContaining({ storeTransactionId: '2000000000000061', kind: 'purchase', amountMicros: 990_000 }),
      ],
    },
  ],
  [
    'ONE_TIME_CHARGE for a non-consumable is active for good',
    {
      notificationType: 'ONE_TIME_CHARGE',
      transaction: {
        originalTransactionId: '2000000000000071',
        transactionId: '2000000000000071',
        productId: 'lifetime',
        type: 'Non-Consumable',
        expiresDate: undefined,
        price: 29_990,
        environment: 'Production',
      },
      renewalInfo: null,
    },
    {
      environment: 'production',
      productType: 'non_consumable',
      status: 'active',
      periodKind: 'normal',
      purchasedAt: at(T0),
      periodStart: at(T0),
      expiresAt: null,
      autoRenew: false,
      renewsToSkuRefId: null,
      payments: [expect.objectContaining({ amountMicros: 29_990_000, periodEnd: null })],
    },
  ],
  [
    'ONE_TIME_CHARGE for a non-renewing subscription is a subscription that does not renew',
    {
      notificationType: 'ONE_TIME_CHARGE',
      transaction: {
        originalTransactionId: '2000000000000081',
        transactionId: '2000000000000081',
        productId: 'season.pass',
        type: 'Non-Renewing Subscription',
        expiresDate: undefined,
        price: 4990,
      },
      renewalInfo: null,
    },
    { productType: 'subscription', status: 'active', autoRenew: false, expiresAt: null },
  ],
  [
    'REFUND of a non-consumable revokes it',
    {
      notificationType: 'REFUND',
      signedDate: T0 + 5 * DAY,
      transaction: { type: 'Non-Consumable', productId: 'lifetime', expiresDate: undefined, ...refunded },
      renewalInfo: null,
    },
    { productType: 'non_consumable', status: 'revoked', refunds: [expect.objectContaining({ reversed: false })] },
  ],
];

describe('appleSnapshot, per notification', () => {
  test.each(cases)('%s', (_name, c, expected) => {
    const snapshot = appleSnapshot(anInput(c));

    expect(snapshot).toMatchObject(expected);
  });
});

describe('appleSnapshot, period kinds', () => {
  test.each([
    ['no offer', {}, 'normal'],
    ['an introductory free trial', { offerType: 1, offerDiscountType: 'FREE_TRIAL', price: 0 }, 'trial'],
    ['an introductory pay-as-you-go price', { offerType: 1, offerDiscountType: 'PAY_AS_YOU_GO', price: 1990 }, 'intro'],
    ['an introductory pay-up-front price', { offerType: 1, offerDiscountType: 'PAY_UP_FRONT', price: 4990 }, 'intro'],
    ['a promotional offer', { offerType: 2, offerDiscountType: 'PAY_AS_YOU_GO', price: 4990 }, 'promotional'],
    ['an offer code', { offerType: 3, offerDiscountType: 'FREE_TRIAL', price: 0 }, 'promotional'],
    ['a win-back offer', { offerType: 4, offerDiscountType: 'ONE_TIME', price: 990 }, 'promotional'],
    ['an offer type Apple adds later', { offerType: 9, price: 990 }, 'promotional'],
  ] as const)('%s is a %s period', (_name, transaction, periodKind) => {
    const snapshot = appleSnapshot(
      anInput({ notificationType: 'SUBSCRIBED', subtype: 'INITIAL_BUY', status: 1, transaction }),
    );

    expect(snapshot.periodKind).toBe(periodKind);
  });

  test('a free offer-code period reports no payment', () => {
    const snapshot = appleSnapshot(
      anInput({ notificationType: 'OFFER_REDEEMED', status: 1, transaction: { offerType: 3, price: 0 } }),
    );

    expect(snapshot.payments).toEqual([]);
  });
});

describe('appleSnapshot, status without data.status (older payloads)', () => {
  test.each([
    ['before expiresDate', {}, T0 + DAY, 'active'],
    ['after expiresDate', {}, T0 + 31 * DAY, 'expired'],
    [
      'in billing retry with a grace period left',
      { isInBillingRetryPeriod: true, gracePeriodExpiresDate: T0 + 46 * DAY },
      T0 + 31 * DAY,
      'grace_period',
    ],
    ['in billing retry with no grace period', { isInBillingRetryPeriod: true }, T0 + 31 * DAY, 'account_hold'],
  ] as const)('%s is %s', (_name, renewalInfo, signedDate, status) => {
    const snapshot = appleSnapshot(anInput({ notificationType: 'DID_FAIL_TO_RENEW', renewalInfo, signedDate }));

    expect(snapshot.status).toBe(status);
  });
});

describe('appleSnapshot, identity and environment', () => {
  test('Production payloads are production purchases', () => {
    const snapshot = appleSnapshot(
      anInput({ notificationType: 'SUBSCRIBED', status: 1, transaction: { environment: 'Production' } }),
    );

    expect(snapshot.environment).toBe('production');
  });

  test('an empty appAccountToken is no user hint', () => {
    const snapshot = appleSnapshot(
      anInput({ notificationType: 'SUBSCRIBED', status: 1, transaction: { appAccountToken: '' } }),
    );

    expect(snapshot.appUserHint).toBeNull();
  });
});

describe('appleSnapshot, refused payloads', () => {
  test.each([
    ['no originalTransactionId', { transaction: { originalTransactionId: undefined } }, /originalTransactionId/],
    ['no productId', { transaction: { productId: undefined } }, /productId/],
    ['an unknown product type', { transaction: { type: 'Bundle' } }, /unknown transaction type "Bundle"/],
    ['an unknown environment', { transaction: { environment: 'Staging' } }, /unknown environment "Staging"/],
    ['an unknown data.status', { status: 9 }, /unknown subscription status 9/],
    [
      'renewal info of another purchase',
      { renewalInfo: { originalTransactionId: '2000000000000999' } },
      /renewal info of 2000000000000999/,
    ],
    ['a price without currency', { transaction: { currency: undefined } }, /currency/],
  ] as const)('throws a StorePayloadError for %s', (_name, c, message) => {
    const input = anInput({ notificationType: 'SUBSCRIBED', status: 1, ...c });

    expect(() => appleSnapshot(input)).toThrow(StorePayloadError);
    expect(() => appleSnapshot(input)).toThrow(message);
  });
});
