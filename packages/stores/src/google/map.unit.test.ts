import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import type { StoreSnapshot } from '@tollgate/core';
import { describe, expect, test } from 'vitest';
import { StorePayloadError } from '../store-payload-error.js';
import { type GoogleSubscriptionSnapshotInput, googleProductSnapshot, googleSubscriptionSnapshot } from './map.js';

type SubscriptionPurchase = androidpublisher_v3.Schema$SubscriptionPurchaseV2;
type LineItem = androidpublisher_v3.Schema$SubscriptionPurchaseLineItem;
type Order = androidpublisher_v3.Schema$Order;
type ProductPurchase = androidpublisher_v3.Schema$ProductPurchase;

const T0 = Date.UTC(2025, 0, 15, 12);
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms);
const iso = (ms: number) => new Date(ms).toISOString();

const TOKEN = 'opaque-token-up-to-150-chars.AO-J1OxZkPz7';
const FIRST_ORDER = 'GPA.3372-4150-9088-12345';

/** An active monthly subscription bought at T0 at the base price, 9.99 USD. */
function aSubscription(
  overrides: Partial<SubscriptionPurchase> = {},
  item: Partial<LineItem> = {},
): SubscriptionPurchase {
  return {
    kind: 'androidpublisher#subscriptionPurchaseV2',
    regionCode: 'US',
    startTime: iso(T0),
    subscriptionState: 'SUBSCRIPTION_STATE_ACTIVE',
    acknowledgementState: 'ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED',
    externalAccountIdentifiers: { obfuscatedExternalAccountId: 'user-42' },
    lineItems: [
      {
        productId: 'pro.monthly',
        expiryTime: iso(T0 + 30 * DAY),
        autoRenewingPlan: {
          autoRenewEnabled: true,
          recurringPrice: { currencyCode: 'USD', units: '9', nanos: 990_000_000 },
        },
        offerDetails: { basePlanId: 'monthly' },
        offerPhase: { basePrice: {} },
        latestSuccessfulOrderId: FIRST_ORDER,
        ...item,
      },
    ],
    ...overrides,
  };
}

/** The first order: 10.99 EUR paid, of which 1.75 tax. */
function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    orderId: FIRST_ORDER,
    purchaseToken: TOKEN,
    state: 'PROCESSED',
    createTime: iso(T0),
    lastEventTime: iso(T0),
    total: { currencyCode: 'EUR', units: '10', nanos: 990_000_000 },
    tax: { currencyCode: 'EUR', units: '1', nanos: 750_000_000 },
    lineItems: [
      {
        productId: 'pro.monthly',
        subscriptionDetails: {
          basePlanId: 'monthly',
          offerPhaseDetails: { baseDetails: {} },
          servicePeriodStartTime: iso(T0),
          servicePeriodEndTime: iso(T0 + 30 * DAY),
        },
      },
    ],
    ...overrides,
  };
}

function subscriptionInput(
  purchase: SubscriptionPurchase,
  order: Order | null = null,
  observedAt = T0 + DAY,
): GoogleSubscriptionSnapshotInput {
  return { packageName: 'com.example.app', purchaseToken: TOKEN, purchase, order, observedAt: at(observedAt) };
}

type Row = [string, GoogleSubscriptionSnapshotInput, Partial<StoreSnapshot>];

const states: Row[] = [
  [
    'ACTIVE is active and renews',
    subscriptionInput(aSubscription()),
    {
      store: 'google',
      environment: 'production',
      storePurchaseId: TOKEN,
      replacesStorePurchaseId: null,
      skuRefId: 'pro.monthly',
      productType: 'subscription',
      observedAt: at(T0 + DAY),
      status: 'active',
      periodKind: 'normal',
      purchasedAt: at(T0),
      periodStart: at(T0),
      expiresAt: at(T0 + 30 * DAY),
      autoRenew: true,
      renewsToSkuRefId: null,
      gracePeriodEndsAt: null,
      resumesAt: null,
      refunds: [],
      appUserHint: 'user-42',
    },
  ],
  [
    'CANCELED before the period ends is active with auto-renew off',
    subscriptionInput(
      aSubscription(
        {
          subscriptionState: 'SUBSCRIPTION_STATE_CANCELED',
          canceledStateContext: { userInitiatedCancellation: { cancelTime: iso(T0 + DAY) } },
        },
        { autoRenewingPlan: { autoRenewEnabled: false } },
      ),
      null,
      T0 + 2 * DAY,
    ),
    { status: 'active', autoRenew: false, expiresAt: at(T0 + 30 * DAY) },
  ],
  [
    'CANCELED past the end of the period is expired',
    subscriptionInput(
      aSubscription({
        subscriptionState: 'SUBSCRIPTION_STATE_CANCELED',
        canceledStateContext: { userInitiatedCancellation: { cancelTime: iso(T0 + DAY) } },
      }),
      null,
      T0 + 30 * DAY + 1,
    ),
    { status: 'expired', autoRenew: false },
  ],
  [
    'IN_GRACE_PERIOD keeps access until expiryTime, the end of the grace period',
    subscriptionInput(
      aSubscription(
        { subscriptionState: 'SUBSCRIPTION_STATE_IN_GRACE_PERIOD', inGracePeriodStateContext: { renewalDeclined: {} } },
        { expiryTime: iso(T0 + 37 * DAY) },
      ),
      null,
      T0 + 31 * DAY,
    ),
    { status: 'grace_period', gracePeriodEndsAt: at(T0 + 37 * DAY), expiresAt: at(T0 + 37 * DAY) },
  ],
  [
    'ON_HOLD is an account hold',
    subscriptionInput(
      aSubscription({ subscriptionState: 'SUBSCRIPTION_STATE_ON_HOLD', onHoldStateContext: {} }),
      null,
      T0 + 38 * DAY,
    ),
    { status: 'account_hold', gracePeriodEndsAt: null },
  ],
  [
    'PAUSED is paused until it resumes by itself',
    subscriptionInput(
      aSubscription({
        subscriptionState: 'SUBSCRIPTION_STATE_PAUSED',
        pausedStateContext: { autoResumeTime: iso(T0 + 60 * DAY) },
      }),
      null,
      T0 + 31 * DAY,
    ),
    { status: 'paused', resumesAt: at(T0 + 60 * DAY) },
  ],
  [
    'EXPIRED after a user cancellation is expired',
    subscriptionInput(
      aSubscription(
        {
          subscriptionState: 'SUBSCRIPTION_STATE_EXPIRED',
          canceledStateContext: { userInitiatedCancellation: { cancelTime: iso(T0 + DAY) } },
        },
        { autoRenewingPlan: { autoRenewEnabled: false } },
      ),
      null,
      T0 + 31 * DAY,
    ),
    { status: 'expired', autoRenew: false },
  ],
  [
    'EXPIRED at the end of an account hold (system cancellation) is expired',
    subscriptionInput(
      aSubscription({
        subscriptionState: 'SUBSCRIPTION_STATE_EXPIRED',
        canceledStateContext: { systemInitiatedCancellation: {} },
      }),
      null,
      T0 + 90 * DAY,
    ),
    { status: 'expired' },
  ],
  [
    'EXPIRED by the developer before the paid period ended is revoked',
    subscriptionInput(
      aSubscription({
        subscriptionState: 'SUBSCRIPTION_STATE_EXPIRED',
        canceledStateContext: { developerInitiatedCancellation: {} },
      }),
      null,
      T0 + 5 * DAY,
    ),
    { status: 'revoked' },
  ],
  [
    'EXPIRED by the system before the paid period ended is revoked',
    subscriptionInput(
      aSubscription({
        subscriptionState: 'SUBSCRIPTION_STATE_EXPIRED',
        canceledStateContext: { systemInitiatedCancellation: {} },
      }),
      null,
      T0 + 5 * DAY,
    ),
    { status: 'revoked' },
  ],
  [
    'PENDING is pending, dated by its first sight, with no payment',
    subscriptionInput(
      aSubscription(
        { subscriptionState: 'SUBSCRIPTION_STATE_PENDING', startTime: undefined },
        { latestSuccessfulOrderId: undefined },
      ),
      null,
      T0,
    ),
    { status: 'pending', purchasedAt: at(T0), payments: [] },
  ],
  [
    'PENDING_PURCHASE_CANCELED ended without ever being paid',
    subscriptionInput(
      aSubscription({ subscriptionState: 'SUBSCRIPTION_STATE_PENDING_PURCHASE_CANCELED', startTime: undefined }),
      anOrder({ state: 'CANCELED' }),
      T0 + DAY,
    ),
    { status: 'expired', payments: [] },
  ],
];

const phases: Row[] = [
  [
    'a free trial is a trial period with no payment, even at the recurring price',
    subscriptionInput(
      aSubscription(
        {},
        { offerPhase: { freeTrial: {} }, offerDetails: { basePlanId: 'monthly', offerId: 'trial-7d' } },
      ),
    ),
    { periodKind: 'trial', payments: [] },
  ],
  [
    "a free trial's zero order is no payment",
    subscriptionInput(
      aSubscription({}, { offerPhase: { freeTrial: {} } }),
      anOrder({
        total: { currencyCode: 'USD', units: '0', nanos: 0 },
        tax: undefined,
        lineItems: [{ productId: 'pro.monthly', subscriptionDetails: { offerPhaseDetails: { freeTrialDetails: {} } } }],
      }),
    ),
    { periodKind: 'trial', payments: [] },
  ],
  [
    'an introductory price is an intro period paid at the order amount',
    subscriptionInput(
      aSubscription({}, { offerPhase: { introductoryPrice: {} } }),
      anOrder({
        total: { currencyCode: 'USD', units: '1', nanos: 990_000_000 },
        tax: undefined,
        lineItems: [
          { productId: 'pro.monthly', subscriptionDetails: { offerPhaseDetails: { introductoryPriceDetails: {} } } },
        ],
      }),
    ),
    {
      periodKind: 'intro',
      payments: [expect.objectContaining({ periodKind: 'intro', amountMicros: 1_990_000, currency: 'USD' })],
    },
  ],
  [
    'an introductory price without its order books nothing: recurringPrice is not what was paid',
    subscriptionInput(aSubscription({}, { offerPhase: { introductoryPrice: {} } })),
    { periodKind: 'intro', payments: [] },
  ],
  [
    'a proration period after a plan change is a normal period',
    subscriptionInput(aSubscription({}, { offerPhase: { prorationPeriod: { originalOfferPhaseType: 'BASE_PRICE' } } })),
    { periodKind: 'normal', payments: [] },
  ],
  [
    'the base price is a normal period',
    subscriptionInput(aSubscription({}, { offerPhase: { basePrice: {} } })),
    { periodKind: 'normal' },
  ],
  [
    'a missing offer phase (older data) is a normal period',
    subscriptionInput(aSubscription({}, { offerPhase: undefined })),
    { periodKind: 'normal' },
  ],
];

const changes: Row[] = [
  [
    'an upgrade names the purchase token it replaces',
    subscriptionInput(
      aSubscription(
        { linkedPurchaseToken: 'older-token.AO-J1Ox', startTime: iso(T0 + 10 * DAY) },
        { productId: 'pro.yearly' },
      ),
      null,
      T0 + 10 * DAY,
    ),
    { replacesStorePurchaseId: 'older-token.AO-J1Ox', skuRefId: 'pro.yearly', purchasedAt: at(T0 + 10 * DAY) },
  ],
  [
    'a deferred downgrade keeps the current product and names the next one',
    subscriptionInput(
      aSubscription({}, { productId: 'pro.yearly', deferredItemReplacement: { productId: 'pro.monthly' } }),
    ),
    { skuRefId: 'pro.yearly', renewsToSkuRefId: 'pro.monthly' },
  ],
  [
    'a deferred replacement by the same product schedules no change',
    subscriptionInput(aSubscription({}, { deferredItemReplacement: { productId: 'pro.monthly' } })),
    { renewsToSkuRefId: null },
  ],
  [
    'a license tester purchase is sandbox',
    subscriptionInput(aSubscription({ testPurchase: {} })),
    { environment: 'sandbox' },
  ],
  [
    'no obfuscated account id is no user hint',
    subscriptionInput(aSubscription({ externalAccountIdentifiers: undefined })),
    { appUserHint: null },
  ],
];

describe('googleSubscriptionSnapshot', () => {
  test.each([...states, ...phases, ...changes])('%s', (_name, input, expected) => {
    const snapshot = googleSubscriptionSnapshot(input);

    expect(snapshot).toMatchObject(expected);
  });

  test.each([
    ['SUBSCRIPTION_STATE_UNSPECIFIED', /unknown subscriptionState "SUBSCRIPTION_STATE_UNSPECIFIED"/],
    [undefined, /unknown subscriptionState undefined/],
  ])('refuses subscriptionState %s with a StorePayloadError', (subscriptionState, message) => {
    const input = subscriptionInput(aSubscription({ subscriptionState }));

    expect(() => googleSubscriptionSnapshot(input)).toThrow(StorePayloadError);
    expect(() => googleSubscriptionSnapshot(input)).toThrow(message);
  });

  test.each([
    ['no line items', aSubscription({ lineItems: [] }), /lineItems/],
    ['no product id', aSubscription({}, { productId: undefined }), /productId/],
    ['a malformed expiryTime', aSubscription({}, { expiryTime: 'next month' }), /expiryTime is not a timestamp/],
  ])('refuses a purchase with %s', (_name, purchase, message) => {
    expect(() => googleSubscriptionSnapshot(subscriptionInput(purchase))).toThrow(message);
  });
});

describe('googleSubscriptionSnapshot payments', () => {
  test('the first order is a purchase of its total minus tax', () => {
    const snapshot = googleSubscriptionSnapshot(subscriptionInput(aSubscription(), anOrder()));

    expect(snapshot.payments).toEqual([
      {
        storeTransactionId: FIRST_ORDER,
        kind: 'purchase',
        skuRefId: 'pro.monthly',
        periodKind: 'normal',
        amountMicros: 9_240_000,
        currency: 'EUR',
        paidAt: at(T0),
        periodStart: at(T0),
        periodEnd: at(T0 + 30 * DAY),
      },
    ]);
  });

  test.each([
    [FIRST_ORDER, 'purchase'],
    [`${FIRST_ORDER}..0`, 'renewal'],
    [`${FIRST_ORDER}..1`, 'renewal'],
    [`${FIRST_ORDER}..11`, 'renewal'],
  ] as const)('order %s is a %s', (orderId, kind) => {
    const purchase = aSubscription({}, { latestSuccessfulOrderId: orderId });

    const snapshot = googleSubscriptionSnapshot(subscriptionInput(purchase, anOrder({ orderId })));

    expect(snapshot.payments).toMatchObject([{ storeTransactionId: orderId, kind }]);
  });

  test('a renewal order dates the current period from its service period', () => {
    const orderId = `${FIRST_ORDER}..0`;
    const purchase = aSubscription({}, { latestSuccessfulOrderId: orderId, expiryTime: iso(T0 + 60 * DAY) });
    const order = anOrder({
      orderId,
      createTime: iso(T0 + 30 * DAY),
      lineItems: [
        {
          productId: 'pro.monthly',
          subscriptionDetails: {
            offerPhaseDetails: { baseDetails: {} },
            servicePeriodStartTime: iso(T0 + 30 * DAY),
            servicePeriodEndTime: iso(T0 + 60 * DAY),
          },
        },
      ],
    });

    const snapshot = googleSubscriptionSnapshot(subscriptionInput(purchase, order, T0 + 30 * DAY));

    expect(snapshot).toMatchObject({
      purchasedAt: at(T0),
      periodStart: at(T0 + 30 * DAY),
      expiresAt: at(T0 + 60 * DAY),
      payments: [
        { kind: 'renewal', paidAt: at(T0 + 30 * DAY), periodStart: at(T0 + 30 * DAY), periodEnd: at(T0 + 60 * DAY) },
      ],
    });
  });

  test('a renewal without its order is booked at the recurring price, dated by the observation', () => {
    const orderId = `${FIRST_ORDER}..0`;
    const purchase = aSubscription({}, { latestSuccessfulOrderId: orderId, expiryTime: iso(T0 + 60 * DAY) });

    const snapshot = googleSubscriptionSnapshot(subscriptionInput(purchase, null, T0 + 30 * DAY));

    expect(snapshot).toMatchObject({
      periodStart: null,
      payments: [
        {
          storeTransactionId: orderId,
          kind: 'renewal',
          amountMicros: 9_990_000,
          currency: 'USD',
          paidAt: at(T0 + 30 * DAY),
          periodStart: null,
          periodEnd: at(T0 + 60 * DAY),
        },
      ],
    });
  });

  test.each([
    ['units and nanos', { currencyCode: 'USD', units: '9', nanos: 990_000_000 }, 9_990_000],
    ['whole units', { currencyCode: 'JPY', units: '1200' }, 1_200_000_000],
    ['nanos only, below a micro truncated', { currencyCode: 'USD', nanos: 990_999 }, 990],
    ['a large amount', { currencyCode: 'IDR', units: '149000', nanos: 0 }, 149_000_000_000],
  ])('a recurring price in %s is booked in micros', (_name, recurringPrice, micros) => {
    const purchase = aSubscription({}, { autoRenewingPlan: { autoRenewEnabled: true, recurringPrice } });

    const snapshot = googleSubscriptionSnapshot(subscriptionInput(purchase));

    expect(snapshot.payments).toMatchObject([{ amountMicros: micros, currency: recurringPrice.currencyCode }]);
  });

  test('a pending order is not a payment yet', () => {
    const snapshot = googleSubscriptionSnapshot(subscriptionInput(aSubscription(), anOrder({ state: 'PENDING' })));

    expect(snapshot.payments).toEqual([]);
  });

  test('an older order (named by a voided notification) is its own payment, not the current period', () => {
    const purchase = aSubscription({}, { latestSuccessfulOrderId: `${FIRST_ORDER}..2` });

    const snapshot = googleSubscriptionSnapshot(subscriptionInput(purchase, anOrder({ orderId: `${FIRST_ORDER}..0` })));

    expect(snapshot).toMatchObject({
      periodStart: null,
      payments: [{ storeTransactionId: `${FIRST_ORDER}..0`, kind: 'renewal', amountMicros: 9_240_000 }],
    });
  });

  test('a fully refunded order is a refund of the whole payment', () => {
    const order = anOrder({
      state: 'REFUNDED',
      orderHistory: { refundEvent: { eventTime: iso(T0 + 3 * DAY), refundReason: 'OTHER' } },
    });

    const snapshot = googleSubscriptionSnapshot(subscriptionInput(aSubscription(), order, T0 + 3 * DAY));

    expect(snapshot.refunds).toEqual([
      {
        storeTransactionId: FIRST_ORDER,
        amountMicros: null,
        currency: null,
        refundedAt: at(T0 + 3 * DAY),
        reversed: false,
      },
    ]);
  });
});

/** A non-consumable bought at T0 for 4.99 USD, not consumed. */
function aProductPurchase(overrides: Partial<ProductPurchase> = {}): ProductPurchase {
  return {
    kind: 'androidpublisher#productPurchase',
    purchaseTimeMillis: String(T0),
    purchaseState: 0,
    consumptionState: 0,
    acknowledgementState: 1,
    orderId: 'GPA.3391-2290-4417-55555',
    regionCode: 'US',
    quantity: 1,
    obfuscatedExternalAccountId: 'user-42',
    ...overrides,
  };
}

const productOrder: Order = {
  orderId: 'GPA.3391-2290-4417-55555',
  state: 'PROCESSED',
  createTime: iso(T0),
  total: { currencyCode: 'USD', units: '4', nanos: 990_000_000 },
  lineItems: [{ productId: 'lifetime' }],
};

describe('googleProductSnapshot', () => {
  const productInput = (purchase: ProductPurchase, order: Order | null = productOrder) => ({
    purchaseToken: TOKEN,
    productId: 'lifetime',
    purchase,
    order,
    observedAt: at(T0 + DAY),
  });

  test.each([
    [
      'a purchased, unconsumed product is an active non-consumable paid by its order',
      aProductPurchase(),
      {
        store: 'google',
        environment: 'production',
        storePurchaseId: TOKEN,
        replacesStorePurchaseId: null,
        skuRefId: 'lifetime',
        productType: 'non_consumable',
        observedAt: at(T0 + DAY),
        status: 'active',
        periodKind: 'normal',
        purchasedAt: at(T0),
        expiresAt: null,
        autoRenew: false,
        payments: [
          {
            storeTransactionId: 'GPA.3391-2290-4417-55555',
            kind: 'purchase',
            skuRefId: 'lifetime',
            periodKind: 'normal',
            amountMicros: 4_990_000,
            currency: 'USD',
            paidAt: at(T0),
            periodStart: at(T0),
            periodEnd: null,
          },
        ],
        refunds: [],
        appUserHint: 'user-42',
      },
    ],
    ['a consumed product is a consumable', aProductPurchase({ consumptionState: 1 }), { productType: 'consumable' }],
    ['a cancelled purchase is revoked', aProductPurchase({ purchaseState: 1 }), { status: 'revoked' }],
    [
      'a pending purchase is pending, with no payment',
      aProductPurchase({ purchaseState: 2 }),
      { status: 'pending', payments: [] },
    ],
    ['a license tester purchase is sandbox', aProductPurchase({ purchaseType: 0 }), { environment: 'sandbox' }],
    ['a promo code purchase is production', aProductPurchase({ purchaseType: 1 }), { environment: 'production' }],
  ] as const)('%s', (_name, purchase, expected) => {
    const snapshot = googleProductSnapshot(productInput(purchase));

    expect(snapshot).toMatchObject(expected);
  });

  test('without its order there is no payment to report', () => {
    const snapshot = googleProductSnapshot(productInput(aProductPurchase(), null));

    expect(snapshot.payments).toEqual([]);
  });

  test('a refunded order is a refund of the whole payment', () => {
    const order: Order = { ...productOrder, orderHistory: { refundEvent: { eventTime: iso(T0 + 2 * DAY) } } };

    const snapshot = googleProductSnapshot(productInput(aProductPurchase({ purchaseState: 1 }), order));

    expect(snapshot.refunds).toEqual([
      {
        storeTransactionId: 'GPA.3391-2290-4417-55555',
        amountMicros: null,
        currency: null,
        refundedAt: at(T0 + 2 * DAY),
        reversed: false,
      },
    ]);
  });

  test.each([
    ['an unknown purchaseState', aProductPurchase({ purchaseState: 7 }), /unknown purchaseState 7/],
    ['no purchaseTimeMillis', aProductPurchase({ purchaseTimeMillis: undefined }), /purchaseTimeMillis/],
    ['a malformed purchaseTimeMillis', aProductPurchase({ purchaseTimeMillis: '2025-01-15' }), /not milliseconds/],
  ])('refuses %s with a StorePayloadError', (_name, purchase, message) => {
    expect(() => googleProductSnapshot(productInput(purchase))).toThrow(StorePayloadError);
    expect(() => googleProductSnapshot(productInput(purchase))).toThrow(message);
  });
});

describe('what Play waits for Tollgate to acknowledge', () => {
  const PENDING = 'ACKNOWLEDGEMENT_STATE_PENDING';
  test.each<[string, SubscriptionPurchase, boolean]>([
    ['an active subscription not yet acknowledged', aSubscription({ acknowledgementState: PENDING }), true],
    [
      'one in its grace period',
      aSubscription({ acknowledgementState: PENDING, subscriptionState: 'SUBSCRIPTION_STATE_IN_GRACE_PERIOD' }),
      true,
    ],
    ['one already acknowledged', aSubscription(), false],
    [
      'one whose first payment is pending',
      aSubscription({ acknowledgementState: PENDING, subscriptionState: 'SUBSCRIPTION_STATE_PENDING' }),
      false,
    ],
  ])('a subscription: %s → %s', (_name, purchase, awaits) => {
    expect(googleSubscriptionSnapshot(subscriptionInput(purchase)).awaitsAcknowledgement).toBe(awaits);
  });

  test.each<[string, Partial<ProductPurchase>, boolean]>([
    ['a purchased product not yet acknowledged', { acknowledgementState: 0 }, true],
    ['one already acknowledged', { acknowledgementState: 1 }, false],
    ['one whose payment is pending', { acknowledgementState: 0, purchaseState: 2 }, false],
  ])('a one-time product: %s → %s', (_name, overrides, awaits) => {
    const snapshot = googleProductSnapshot({
      purchaseToken: TOKEN,
      productId: 'lifetime',
      purchase: aProductPurchase(overrides),
      order: productOrder,
      observedAt: at(T0 + DAY),
    });

    expect(snapshot.awaitsAcknowledgement).toBe(awaits);
  });
});
