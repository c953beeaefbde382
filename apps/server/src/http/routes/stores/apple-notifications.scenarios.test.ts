import type { JWSRenewalInfoDecodedPayload, JWSTransactionDecodedPayload } from '@apple/app-store-server-library';
import {
  APPLE_APP_APPLE_ID,
  APPLE_BUNDLE_ID,
  type AppleTestPki,
  anAppleNotification,
  createAppleTestPki,
  DAY_MS,
  FIXTURE_NOW_MS,
} from '@tollgate/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { customerState } from '../../../queries/customer-state.js';
import {
  eventsOf,
  eventTypesOf,
  revenueOf,
  schemaViolations,
  userOfStorePurchase,
} from '../../../testing/engine-readers.js';
import { aStoreCatalog, rootFile, type StoreCatalog } from '../../../testing/store-fixtures.js';
import { useTestServer } from '../../../testing/test-server.js';

const pki: AppleTestPki = await createAppleTestPki();
const api = useTestServer({ stores: () => ({ appleExtraRootFiles: [rootFile(pki)] }) });
let catalog: StoreCatalog;

beforeAll(async () => {
  catalog = await aStoreCatalog(
    api.client,
    { store: 'apple', marketplace_app_id: APPLE_BUNDLE_ID, apple: { app_apple_id: APPLE_APP_APPLE_ID } },
    ['pro.monthly', 'pro.annual'],
  );
});

const day = (n: number) => FIXTURE_NOW_MS + n * DAY_MS;

interface Sent {
  on: number;
  type: string;
  subtype?: string;
  status?: number;
  uuid?: string;
  /** The transaction, relative to the scenario's original transaction id (`+1` is its next one). */
  tx?: Partial<JWSTransactionDecodedPayload> & { next?: number };
  renewal?: Partial<JWSRenewalInfoDecodedPayload>;
}

interface Scenario {
  name: string;
  sent: Sent[];
  checkOn: number;
  events: string[];
  entitlements: string[];
  flags: string[];
  revenue: Array<[string, number]>;
}

const TRIAL = { offerType: 1, offerDiscountType: 'FREE_TRIAL', price: 0, expiresDate: day(7) } as const;
const bought: Sent = { on: 0, type: 'SUBSCRIBED', subtype: 'INITIAL_BUY' };
const renewedOn = (on: number, next: number, extra: Partial<JWSTransactionDecodedPayload> = {}): Sent => ({
  on,
  type: 'DID_RENEW',
  tx: { next, purchaseDate: day(on), expiresDate: day(on + 30), transactionReason: 'RENEWAL', ...extra },
});

const scenarios: Scenario[] = [
  {
    name: 'a free trial that converts',
    sent: [{ ...bought, tx: TRIAL }, renewedOn(7, 1)],
    checkOn: 8,
    events: [
      'user.subscription.purchased',
      'user.journey.trial.started',
      'purchase.updated',
      'user.journey.trial.converted',
      'user.subscription.renewed',
      'purchase.updated',
    ],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [['renewal', 9_990_000]],
  },
  {
    name: 'a free trial cancelled that does not convert',
    sent: [
      { ...bought, tx: TRIAL },
      {
        on: 2,
        type: 'DID_CHANGE_RENEWAL_STATUS',
        subtype: 'AUTO_RENEW_DISABLED',
        tx: TRIAL,
        renewal: { autoRenewStatus: 0 },
      },
      {
        on: 7,
        type: 'EXPIRED',
        subtype: 'VOLUNTARY',
        status: 2,
        tx: TRIAL,
        renewal: { autoRenewStatus: 0, expirationIntent: 1 },
      },
    ],
    checkOn: 8,
    events: [
      'user.subscription.purchased',
      'user.journey.trial.started',
      'purchase.updated',
      'user.subscription.cancelled',
      'purchase.updated',
      'user.subscription.expired',
      'user.journey.trial.did_not_convert',
      'purchase.updated',
    ],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [],
  },
  {
    name: 'an introductory price',
    sent: [{ ...bought, tx: { offerType: 1, offerDiscountType: 'PAY_AS_YOU_GO', price: 990 } }],
    checkOn: 1,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: ['in_intro_offer_period'],
    revenue: [['purchase', 990_000]],
  },
  {
    name: 'cancelled, then resumed',
    sent: [
      bought,
      { on: 3, type: 'DID_CHANGE_RENEWAL_STATUS', subtype: 'AUTO_RENEW_DISABLED', renewal: { autoRenewStatus: 0 } },
      { on: 5, type: 'DID_CHANGE_RENEWAL_STATUS', subtype: 'AUTO_RENEW_ENABLED' },
    ],
    checkOn: 6,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.cancelled',
      'purchase.updated',
      'user.subscription.resumed',
      'purchase.updated',
    ],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'cancelled, then expired',
    sent: [
      bought,
      { on: 3, type: 'DID_CHANGE_RENEWAL_STATUS', subtype: 'AUTO_RENEW_DISABLED', renewal: { autoRenewStatus: 0 } },
      {
        on: 30,
        type: 'EXPIRED',
        subtype: 'VOLUNTARY',
        status: 2,
        renewal: { autoRenewStatus: 0, expirationIntent: 1 },
      },
    ],
    checkOn: 31,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.cancelled',
      'purchase.updated',
      'user.subscription.expired',
      'purchase.updated',
    ],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'a failed renewal in a grace period, recovered',
    sent: [
      bought,
      {
        on: 30,
        type: 'DID_FAIL_TO_RENEW',
        subtype: 'GRACE_PERIOD',
        status: 4,
        renewal: { gracePeriodExpiresDate: day(36), isInBillingRetryPeriod: true },
      },
      { ...renewedOn(32, 1), subtype: 'BILLING_RECOVERY' },
    ],
    checkOn: 33,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.in_grace_period',
      'purchase.updated',
      'user.subscription.renewal_in_grace_period',
      'purchase.updated',
    ],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['renewal', 9_990_000],
    ],
  },
  {
    name: 'grace, then account hold, then expired',
    sent: [
      bought,
      {
        on: 30,
        type: 'DID_FAIL_TO_RENEW',
        subtype: 'GRACE_PERIOD',
        status: 4,
        renewal: { gracePeriodExpiresDate: day(36), isInBillingRetryPeriod: true },
      },
      { on: 36, type: 'GRACE_PERIOD_EXPIRED', status: 3, renewal: { isInBillingRetryPeriod: true } },
      {
        on: 90,
        type: 'EXPIRED',
        subtype: 'BILLING_RETRY',
        status: 2,
        renewal: { autoRenewStatus: 0, expirationIntent: 2 },
      },
    ],
    checkOn: 91,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.in_grace_period',
      'purchase.updated',
      'purchase.updated',
      'user.subscription.expired',
      'purchase.updated',
    ],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'an upgrade, at once',
    sent: [
      bought,
      {
        on: 10,
        type: 'DID_CHANGE_RENEWAL_PREF',
        subtype: 'UPGRADE',
        tx: { next: 1, productId: 'pro.annual', purchaseDate: day(10), expiresDate: day(375), price: 99_990 },
      },
    ],
    checkOn: 11,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.sku_change', 'purchase.updated'],
    entitlements: ['premium'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['purchase', 99_990_000],
    ],
  },
  {
    name: 'a downgrade, pending until the renewal',
    sent: [
      { ...bought, tx: { productId: 'pro.annual', expiresDate: day(365), price: 99_990 } },
      {
        on: 10,
        type: 'DID_CHANGE_RENEWAL_PREF',
        subtype: 'DOWNGRADE',
        tx: { productId: 'pro.annual', expiresDate: day(365), price: 99_990 },
        renewal: { autoRenewProductId: 'pro.monthly' },
      },
      renewedOn(365, 1, { productId: 'pro.monthly' }),
    ],
    checkOn: 366,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.pending_sku_change',
      'purchase.updated',
      'user.subscription.renewed',
      'user.subscription.sku_change',
      'purchase.updated',
    ],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [
      ['purchase', 99_990_000],
      ['renewal', 9_990_000],
    ],
  },
  {
    name: 'a refund, then the refund reversed',
    sent: [
      bought,
      {
        on: 5,
        type: 'REFUND',
        status: 5,
        tx: { revocationDate: day(5), revocationReason: 0, revocationType: 'REFUND_FULL' },
      },
      { on: 9, type: 'REFUND_REVERSED', status: 1 },
    ],
    checkOn: 10,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.expired',
      'purchase.updated',
      'user.subscription.resumed',
      'purchase.updated',
    ],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['refund', -9_990_000],
      ['refund_reversal', 9_990_000],
    ],
  },
  {
    name: 'a refund',
    sent: [
      bought,
      {
        on: 5,
        type: 'REFUND',
        status: 5,
        tx: { revocationDate: day(5), revocationReason: 1, revocationType: 'REFUND_FULL' },
      },
    ],
    checkOn: 6,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.expired', 'purchase.updated'],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [
      ['purchase', 9_990_000],
      ['refund', -9_990_000],
    ],
  },
  {
    name: 'family sharing revoked',
    sent: [
      { ...bought, tx: { inAppOwnershipType: 'FAMILY_SHARED' } },
      {
        on: 5,
        type: 'REVOKE',
        status: 5,
        tx: { inAppOwnershipType: 'FAMILY_SHARED', revocationDate: day(5), revocationType: 'FAMILY_REVOKE' },
      },
    ],
    checkOn: 6,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.expired', 'purchase.updated'],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [],
  },
  {
    name: 'expired, then subscribed again',
    sent: [
      bought,
      { on: 30, type: 'EXPIRED', subtype: 'VOLUNTARY', status: 2, renewal: { autoRenewStatus: 0 } },
      {
        on: 40,
        type: 'SUBSCRIBED',
        subtype: 'RESUBSCRIBE',
        tx: { next: 1, purchaseDate: day(40), expiresDate: day(70) },
      },
    ],
    checkOn: 41,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.expired',
      'purchase.updated',
      'user.subscription.purchased',
      'purchase.updated',
    ],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['purchase', 9_990_000],
    ],
  },
  {
    name: 'a renewal date extended by the developer',
    sent: [bought, { on: 10, type: 'RENEWAL_EXTENDED', tx: { expiresDate: day(37) } }],
    checkOn: 35,
    events: ['user.subscription.purchased', 'purchase.updated', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'a price increase awaiting consent changes nothing',
    sent: [bought, { on: 10, type: 'PRICE_INCREASE', subtype: 'PENDING', renewal: { priceIncreaseStatus: 0 } }],
    checkOn: 11,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'the same notification delivered twice',
    sent: [
      { ...bought, uuid: '7f0c0000-0000-4000-8000-00000000d0d0' },
      { ...bought, uuid: '7f0c0000-0000-4000-8000-00000000d0d0' },
    ],
    checkOn: 1,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'a renewal that arrives before the purchase',
    sent: [renewedOn(30, 1), bought],
    checkOn: 31,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['renewal', 9_990_000],
    ],
  },
];

describe('App Store notifications through HTTP', () => {
  test.each(scenarios.map((scenario, index) => ({ ...scenario, index })))('$name', async (scenario) => {
    const originalTransactionId = String(3_000_000_000_000_000 + scenario.index * 100);
    const answers: string[] = [];
    for (const sent of scenario.sent) {
      const { next, ...tx } = sent.tx ?? {};
      const body = anAppleNotification(pki, {
        notificationType: sent.type,
        ...(sent.subtype ? { subtype: sent.subtype } : {}),
        ...(sent.uuid ? { notificationUUID: sent.uuid } : {}),
        signedDate: day(sent.on),
        status: sent.status ?? 1,
        transaction: {
          originalTransactionId,
          transactionId: String(Number(originalTransactionId) + (next ?? 0)),
          ...tx,
        },
        renewalInfo: { originalTransactionId, ...sent.renewal },
      });
      api.server.setClock(new Date(day(sent.on)));
      const response = await api.server.http.inject({
        method: 'POST',
        url: `/stores/apple/${catalog.appPlatformId}/notifications`,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(200);
      answers.push(response.json().outcome);
    }
    const userId = await userOfStorePurchase(api.server, catalog.appId, originalTransactionId);

    const state = await customerState(api.server.database.db, catalog.appId, userId, new Date(day(scenario.checkOn)));
    const revenue = await revenueOf(api.server, userId);

    expect(await eventTypesOf(api.server, userId)).toEqual(scenario.events);
    expect(state.activeEntitlements.map((e) => e.entitlement_ref_id)).toEqual(scenario.entitlements);
    expect(Object.entries(state.journey).flatMap(([flag, on]) => (on ? [flag] : []))).toEqual(scenario.flags);
    expect(revenue.map((row) => [row.revenue_type, row.amount_micros])).toEqual(scenario.revenue);
    expect(revenue.every((row) => row.environment === 'sandbox' && row.store === 'apple')).toBe(true);
    expect(await schemaViolations(api.server, userId)).toEqual([]);
    expect(answers).not.toContain('rejected');
  });
});

describe('a user made by a store notification', () => {
  test('exists with no device, no session and no last-seen time, and every event carries the store id', async () => {
    const originalTransactionId = '3900000000000001';
    const body = anAppleNotification(pki, {
      notificationType: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      transaction: { originalTransactionId, transactionId: originalTransactionId },
      renewalInfo: { originalTransactionId },
    });
    api.server.setClock(new Date(day(0)));

    await api.server.http.inject({
      method: 'POST',
      url: `/stores/apple/${catalog.appPlatformId}/notifications`,
      payload: body,
    });

    const userId = await userOfStorePurchase(api.server, catalog.appId, originalTransactionId);
    const user = await api.server.database.db
      .selectFrom('users')
      .select(['sessions_count', 'last_seen_at', 'purchases_count', 'lifetime_value_usd_micros'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({
      sessions_count: 0,
      last_seen_at: null,
      purchases_count: 1,
      lifetime_value_usd_micros: 9_990_000,
    });
    const purchased = (await eventsOf(api.server, userId)).find(
      (event) => event.type === 'user.subscription.purchased',
    );
    expect(purchased?.payload).toMatchObject({
      event_type: 'user.subscription.purchased',
      event_platform: 'apple',
      user_id: userId,
      devices: [],
      external_ids: [{ key: 'original_transaction_id', type: 'original_transaction_id', value: originalTransactionId }],
      active_entitlements: [
        expect.objectContaining({
          entitlement_ref_id: 'premium',
          sku_ref_id: 'pro.monthly',
          purchase_platform: 'apple',
        }),
        expect.objectContaining({
          entitlement_ref_id: 'studio',
          sku_ref_id: 'pro.monthly',
          purchase_platform: 'apple',
        }),
      ],
      customer_journey_state: { former_subscriber: false, in_trial_period: false, is_cancelled: false },
      purchase: { store: 'apple', environment: 'sandbox', store_purchase_id: originalTransactionId, status: 'active' },
      transaction: { revenue_type: 'purchase', amount_micros: 9_990_000, currency: 'USD', usd_micros: 9_990_000 },
    });
  });
});
