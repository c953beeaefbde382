import type { ResponseBodyV2DecodedPayload } from '@apple/app-store-server-library';
import { describe, expect, test } from 'vitest';
import { type AppleIgnoredReason, appleNotificationKind } from './notification-kind.js';

const T0 = Date.UTC(2025, 0, 15, 12);

function aNotification(overrides: Partial<ResponseBodyV2DecodedPayload>): ResponseBodyV2DecodedPayload {
  return { notificationUUID: '8b3c6f0e-0000-4000-8000-000000000001', version: '2.0', signedDate: T0, ...overrides };
}

const purchaseData = {
  bundleId: 'com.example.app',
  bundleVersion: '42',
  environment: 'Sandbox',
  status: 1,
  signedTransactionInfo: 'header.transaction.signature',
  signedRenewalInfo: 'header.renewal.signature',
};

describe('appleNotificationKind', () => {
  test.each([
    ['SUBSCRIBED', 'INITIAL_BUY'],
    ['SUBSCRIBED', 'RESUBSCRIBE'],
    ['DID_RENEW', undefined],
    ['DID_RENEW', 'BILLING_RECOVERY'],
    ['DID_CHANGE_RENEWAL_STATUS', 'AUTO_RENEW_ENABLED'],
    ['DID_CHANGE_RENEWAL_STATUS', 'AUTO_RENEW_DISABLED'],
    ['DID_CHANGE_RENEWAL_PREF', 'UPGRADE'],
    ['DID_CHANGE_RENEWAL_PREF', 'DOWNGRADE'],
    ['DID_CHANGE_RENEWAL_PREF', undefined],
    ['OFFER_REDEEMED', 'INITIAL_BUY'],
    ['OFFER_REDEEMED', undefined],
    ['DID_FAIL_TO_RENEW', 'GRACE_PERIOD'],
    ['DID_FAIL_TO_RENEW', undefined],
    ['GRACE_PERIOD_EXPIRED', undefined],
    ['EXPIRED', 'VOLUNTARY'],
    ['EXPIRED', 'BILLING_RETRY'],
    ['EXPIRED', 'PRICE_INCREASE'],
    ['EXPIRED', 'PRODUCT_NOT_FOR_SALE'],
    ['EXPIRED', undefined],
    ['PRICE_INCREASE', 'PENDING'],
    ['PRICE_INCREASE', 'ACCEPTED'],
    ['REFUND', undefined],
    ['REFUND_DECLINED', undefined],
    ['REFUND_REVERSED', undefined],
    ['CONSUMPTION_REQUEST', undefined],
    ['REVOKE', undefined],
    ['RENEWAL_EXTENDED', undefined],
    ['RENEWAL_EXTENSION', 'FAILURE'],
    ['ONE_TIME_CHARGE', undefined],
    ['A_TYPE_APPLE_ADDS_LATER', undefined],
  ])('%s %s carries purchase state', (notificationType, subtype) => {
    const notification = aNotification({ notificationType, subtype, data: purchaseData });

    expect(appleNotificationKind(notification)).toEqual({
      kind: 'purchase',
      signedTransactionInfo: 'header.transaction.signature',
      signedRenewalInfo: 'header.renewal.signature',
    });
  });

  test('a one-time purchase has no renewal info to verify', () => {
    const notification = aNotification({
      notificationType: 'ONE_TIME_CHARGE',
      data: { ...purchaseData, status: undefined, signedRenewalInfo: undefined },
    });

    expect(appleNotificationKind(notification)).toEqual({
      kind: 'purchase',
      signedTransactionInfo: 'header.transaction.signature',
      signedRenewalInfo: null,
    });
  });

  test('TEST is a test', () => {
    const notification = aNotification({ notificationType: 'TEST' });

    expect(appleNotificationKind(notification)).toEqual({ kind: 'test' });
  });

  const ignored: [string, Partial<ResponseBodyV2DecodedPayload>, AppleIgnoredReason][] = [
    [
      'RENEWAL_EXTENSION SUMMARY',
      {
        notificationType: 'RENEWAL_EXTENSION',
        subtype: 'SUMMARY',
        summary: {
          requestIdentifier: 'c7b2f9c4-5e1b-4f0e-9d59-3b4a3c7a1f00',
          environment: 'Sandbox',
          bundleId: 'com.example.app',
          productId: 'pro.monthly',
          storefrontCountryCodes: ['USA', 'FRA'],
          succeededCount: 120,
          failedCount: 2,
        },
      },
      'summary',
    ],
    [
      'EXTERNAL_PURCHASE_TOKEN',
      {
        notificationType: 'EXTERNAL_PURCHASE_TOKEN',
        subtype: 'UNREPORTED',
        externalPurchaseToken: {
          externalPurchaseId: 'b2158121-7af9-49d4-9561-1f588205523e',
          tokenCreationDate: T0,
          appAppleId: 1234567890,
          bundleId: 'com.example.app',
        },
      },
      'external_purchase_token',
    ],
    [
      'RESCIND_CONSENT',
      {
        notificationType: 'RESCIND_CONSENT',
        appData: { appAppleId: 1234567890, bundleId: 'com.example.app', environment: 'Sandbox' },
      },
      'rescind_consent',
    ],
    ['an unknown type without a transaction', { notificationType: 'A_TYPE_APPLE_ADDS_LATER' }, 'no_transaction'],
    [
      'a type whose data has no transaction',
      { notificationType: 'METADATA_UPDATE', data: { ...purchaseData, signedTransactionInfo: undefined } },
      'no_transaction',
    ],
  ];

  test.each(ignored)('%s carries nothing to apply', (_name, overrides, reason) => {
    const notification = aNotification(overrides);

    expect(appleNotificationKind(notification)).toEqual({ kind: 'ignored', reason });
  });
});
