import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import {
  aDeveloperNotification,
  anOrder,
  aProductPurchase,
  aSubscriptionLineItem,
  aSubscriptionPurchaseV2,
  DAY_MS,
  type DeveloperNotificationInput,
  FIXTURE_NOW_MS,
  PLAY_FAKE_ACCESS_TOKEN,
  PLAY_PACKAGE_NAME,
  pubSubPush,
  startPlayFake,
} from '@tollgate/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeGateways } from '../../../intake/gateways.js';
import { customerState } from '../../../queries/customer-state.js';
import { aProduct } from '../../../testing/catalog-builders.js';
import { eventTypesOf, revenueOf, schemaViolations, userOfStorePurchase } from '../../../testing/engine-readers.js';
import { aStoreCatalog, type StoreCatalog } from '../../../testing/store-fixtures.js';
import { useTestServer } from '../../../testing/test-server.js';
import { acknowledgeDuePurchases } from '../../../use-cases/acknowledge-due-purchases.js';

type SubscriptionPurchaseV2 = androidpublisher_v3.Schema$SubscriptionPurchaseV2;
type LineItem = androidpublisher_v3.Schema$SubscriptionPurchaseLineItem;
type Order = androidpublisher_v3.Schema$Order;
type ProductPurchase = androidpublisher_v3.Schema$ProductPurchase;

const play = await startPlayFake();
afterAll(() => play.close());
const api = useTestServer({
  stores: () => ({
    googleOidcCertsUrl: `${play.url}/oauth2/v1/certs`,
    googlePlayApiUrl: play.url,
    googlePlayAccessToken: PLAY_FAKE_ACCESS_TOKEN,
  }),
});

const SERVICE_ACCOUNT = 'rtdn@project.iam.gserviceaccount.com';
let catalog: StoreCatalog;
/** The push subscription's audience, as the API shows it to the operator. */
let audience: string;

beforeAll(async () => {
  catalog = await aStoreCatalog(
    api.client,
    {
      name: 'Android',
      store: 'google',
      marketplace_app_id: PLAY_PACKAGE_NAME,
      google: { push_service_account: SERVICE_ACCOUNT },
    },
    ['pro.monthly', 'pro.annual'],
  );
  const platform = await api.client.get(`/api/v1/apps/${catalog.appId}/platforms/${catalog.appPlatformId}`);
  audience = platform.json().google.push_audience;
  const entitlements = await api.client.get(`/api/v1/apps/${catalog.appId}/entitlements`);
  const premium = entitlements
    .json()
    .data.find((e: { entitlement_ref_id: string }) => e.entitlement_ref_id === 'premium');
  await aProduct(api.client, catalog.appId, catalog.appPlatformId, {
    sku_ref_id: 'lifetime',
    type: 'non_consumable',
    entitlement_ids: [premium.id],
  });
});

const day = (n: number) => FIXTURE_NOW_MS + n * DAY_MS;
const iso = (n: number) => new Date(day(n)).toISOString();

/** Subscription notificationType codes (Play's DeveloperNotification reference). */
const RTDN = {
  RECOVERED: 1,
  RENEWED: 2,
  CANCELED: 3,
  PURCHASED: 4,
  ON_HOLD: 5,
  IN_GRACE_PERIOD: 6,
  RESTARTED: 7,
  PAUSED: 10,
  REVOKED: 12,
  EXPIRED: 13,
  ITEMS_CHANGED: 17,
  PENDING_PURCHASE_CANCELED: 20,
} as const;

const usd = (micros: number) => ({
  currencyCode: 'USD',
  units: String(Math.floor(micros / 1_000_000)),
  nanos: (micros % 1_000_000) * 1000,
});

type Phase = 'freeTrial' | 'introductoryPrice' | 'basePrice';
const ORDER_PHASE = {
  freeTrial: 'freeTrialDetails',
  introductoryPrice: 'introductoryPriceDetails',
  basePrice: 'baseDetails',
};

interface PlayPeriod {
  /** The order funding the period (lineItems[0].latestSuccessfulOrderId). */
  order: string;
  /** expiryTime, in days from the fixture's now. */
  until: number;
  product?: string;
  phase?: Phase;
}

type State = 'ACTIVE' | 'CANCELED' | 'IN_GRACE_PERIOD' | 'ON_HOLD' | 'PAUSED' | 'EXPIRED' | 'PENDING_PURCHASE_CANCELED';

/** What subscriptionsv2.get answers: one line item in the given period. */
function subscription(
  state: State,
  period: PlayPeriod,
  more: SubscriptionPurchaseV2 = {},
  item: LineItem = {},
): SubscriptionPurchaseV2 {
  const product = period.product ?? 'pro.monthly';
  const renews = state !== 'CANCELED' && state !== 'EXPIRED' && state !== 'PENDING_PURCHASE_CANCELED';
  return aSubscriptionPurchaseV2({
    subscriptionState: `SUBSCRIPTION_STATE_${state}`,
    lineItems: [
      aSubscriptionLineItem({
        productId: product,
        expiryTime: iso(period.until),
        autoRenewingPlan: {
          autoRenewEnabled: renews,
          recurringPrice: usd(product === 'pro.annual' ? 99_990_000 : 9_990_000),
        },
        offerDetails: { basePlanId: product.split('.')[1] ?? 'monthly', offerTags: [] },
        offerPhase: { [period.phase ?? 'basePrice']: {} },
        latestSuccessfulOrderId: period.order,
        ...item,
      }),
    ],
    ...more,
  });
}

const userCancelled = (on: number): SubscriptionPurchaseV2 => ({
  canceledStateContext: { userInitiatedCancellation: { cancelTime: iso(on) } },
});

/** What orders.get answers for an order paying `amount` (tax excluded) for a subscription period. */
function subscriptionOrder(
  orderId: string,
  options: { paidOn: number; from: number; until: number; amount: number; product?: string; phase?: Phase },
): Order {
  const product = options.product ?? 'pro.monthly';
  const price = usd(options.amount);
  return anOrder({
    orderId,
    createTime: iso(options.paidOn),
    lastEventTime: iso(options.paidOn),
    total: price,
    lineItems: [
      {
        productId: product,
        productTitle: product,
        listingPrice: price,
        total: price,
        tax: usd(0),
        subscriptionDetails: {
          basePlanId: product.split('.')[1] ?? 'monthly',
          offerPhaseDetails: { [ORDER_PHASE[options.phase ?? 'basePrice']]: {} },
          servicePeriodStartTime: iso(options.from),
          servicePeriodEndTime: iso(options.until),
        },
      },
    ],
    orderHistory: { processedEvent: { eventTime: iso(options.paidOn) } },
  });
}

/** The order, fully refunded on the given day. */
const refunded = (order: Order, on: number): Order => ({
  ...order,
  state: 'REFUNDED',
  lastEventTime: iso(on),
  orderHistory: { ...order.orderHistory, refundEvent: { eventTime: iso(on), refundReason: 'OTHER' } },
});

/** The ids of one scenario: its own purchase tokens and order ids, so scenarios share nothing. */
interface Ids {
  token: string;
  /** The token a plan change made, linked to `token`. */
  newToken: string;
  /** The first order; Play names renewals `${order}..0`, `..1`, … */
  order: string;
  otherOrder: string;
}

interface Step {
  /** When it is delivered (and Play asked), in days. */
  on: number;
  /** When Play says it happened; `on` by default. */
  eventOn?: number;
  rtdn: DeveloperNotificationInput;
  /** What Play answers from then on. */
  subscriptions?: Record<string, SubscriptionPurchaseV2>;
  products?: Record<string, ProductPurchase>;
  orders?: Order[];
  messageId?: string;
}

interface Scenario {
  name: string;
  sent: (ids: Ids) => Step[];
  answers: string[];
  checkOn: number;
  events: string[];
  entitlements: string[];
  flags: string[];
  revenue: Array<[string, number]>;
}

const about = (notificationType: number, purchaseToken: string): DeveloperNotificationInput => ({
  subscriptionNotification: { notificationType, purchaseToken },
});

/** A monthly subscription bought on day 0 at 9.99, paid until day 30. */
const bought = ({ token, order }: Ids): Step => ({
  on: 0,
  rtdn: about(RTDN.PURCHASED, token),
  subscriptions: { [token]: subscription('ACTIVE', { order, until: 30 }) },
  orders: [subscriptionOrder(order, { paidOn: 0, from: 0, until: 30, amount: 9_990_000 })],
});

/** A free trial started on day 0, until day 7: Play books a zero order for it. */
const trialStarted = ({ token, order }: Ids): Step => ({
  on: 0,
  rtdn: about(RTDN.PURCHASED, token),
  subscriptions: { [token]: subscription('ACTIVE', { order, until: 7, phase: 'freeTrial' }) },
  orders: [subscriptionOrder(order, { paidOn: 0, from: 0, until: 7, amount: 0, phase: 'freeTrial' })],
});

/** The monthly subscription renewed on `on` with its first renewal order (`..0`), for 30 days. */
const renewed = ({ token, order }: Ids, on: number, rtdn: number = RTDN.RENEWED): Step => {
  const renewal = `${order}..0`;
  return {
    on,
    rtdn: about(rtdn, token),
    subscriptions: { [token]: subscription('ACTIVE', { order: renewal, until: on + 30 }) },
    orders: [subscriptionOrder(renewal, { paidOn: on, from: on, until: on + 30, amount: 9_990_000 })],
  };
};

const inGrace = ({ token, order }: Ids): Step => ({
  on: 30,
  rtdn: about(RTDN.IN_GRACE_PERIOD, token),
  // In grace, Play's expiryTime is the end of the grace period.
  subscriptions: {
    [token]: subscription('IN_GRACE_PERIOD', { order, until: 37 }, { inGracePeriodStateContext: {} }),
  },
});

const revokedByDeveloper = ({ order }: Ids): SubscriptionPurchaseV2 =>
  subscription('EXPIRED', { order, until: 30 }, { canceledStateContext: { developerInitiatedCancellation: {} } });

const firstOrderRefunded = ({ order }: Ids, on: number): Order =>
  refunded(subscriptionOrder(order, { paidOn: 0, from: 0, until: 30, amount: 9_990_000 }), on);

const scenarios: Scenario[] = [
  {
    name: 'a free trial that converts with its first paid renewal',
    sent: (ids) => [trialStarted(ids), renewed(ids, 7)],
    answers: ['applied', 'applied'],
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
    sent: (ids) => [
      trialStarted(ids),
      {
        on: 2,
        rtdn: about(RTDN.CANCELED, ids.token),
        subscriptions: {
          [ids.token]: subscription('CANCELED', { order: ids.order, until: 7, phase: 'freeTrial' }, userCancelled(2)),
        },
      },
      {
        on: 7,
        rtdn: about(RTDN.EXPIRED, ids.token),
        subscriptions: {
          [ids.token]: subscription('EXPIRED', { order: ids.order, until: 7, phase: 'freeTrial' }, userCancelled(2)),
        },
      },
    ],
    answers: ['applied', 'applied', 'applied'],
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
    name: 'an introductory price, booked at what the order charged',
    sent: ({ token, order }) => [
      {
        on: 0,
        rtdn: about(RTDN.PURCHASED, token),
        subscriptions: { [token]: subscription('ACTIVE', { order, until: 30, phase: 'introductoryPrice' }) },
        orders: [
          subscriptionOrder(order, { paidOn: 0, from: 0, until: 30, amount: 990_000, phase: 'introductoryPrice' }),
        ],
      },
    ],
    answers: ['applied'],
    checkOn: 1,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: ['in_intro_offer_period'],
    revenue: [['purchase', 990_000]],
  },
  {
    name: 'cancelled, then restarted from Play',
    sent: (ids) => [
      bought(ids),
      {
        on: 3,
        rtdn: about(RTDN.CANCELED, ids.token),
        subscriptions: { [ids.token]: subscription('CANCELED', { order: ids.order, until: 30 }, userCancelled(3)) },
      },
      {
        on: 5,
        rtdn: about(RTDN.RESTARTED, ids.token),
        subscriptions: { [ids.token]: subscription('ACTIVE', { order: ids.order, until: 30 }) },
      },
    ],
    answers: ['applied', 'applied', 'applied'],
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
    name: 'cancelled, then expired at the end of the period',
    sent: (ids) => [
      bought(ids),
      {
        on: 3,
        rtdn: about(RTDN.CANCELED, ids.token),
        subscriptions: { [ids.token]: subscription('CANCELED', { order: ids.order, until: 30 }, userCancelled(3)) },
      },
      {
        on: 30,
        rtdn: about(RTDN.EXPIRED, ids.token),
        subscriptions: { [ids.token]: subscription('EXPIRED', { order: ids.order, until: 30 }, userCancelled(3)) },
      },
    ],
    answers: ['applied', 'applied', 'applied'],
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
    name: 'cancelled: access and the is_cancelled flag until the period ends',
    sent: (ids) => [
      bought(ids),
      {
        on: 3,
        rtdn: about(RTDN.CANCELED, ids.token),
        subscriptions: { [ids.token]: subscription('CANCELED', { order: ids.order, until: 30 }, userCancelled(3)) },
      },
    ],
    answers: ['applied', 'applied'],
    checkOn: 29,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.cancelled', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: ['is_cancelled'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'a failed renewal in a grace period, recovered with a new order',
    sent: (ids) => [bought(ids), inGrace(ids), renewed(ids, 32)],
    answers: ['applied', 'applied', 'applied'],
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
    name: 'in a grace period: access and the in_grace_period flag',
    sent: (ids) => [bought(ids), inGrace(ids)],
    answers: ['applied', 'applied'],
    checkOn: 35,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.in_grace_period',
      'purchase.updated',
    ],
    entitlements: ['premium', 'studio'],
    flags: ['in_grace_period'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'grace, then account hold: no access, in_account_hold',
    sent: (ids) => [
      bought(ids),
      inGrace(ids),
      {
        on: 37,
        rtdn: about(RTDN.ON_HOLD, ids.token),
        subscriptions: {
          [ids.token]: subscription('ON_HOLD', { order: ids.order, until: 37 }, { onHoldStateContext: {} }),
        },
      },
    ],
    answers: ['applied', 'applied', 'applied'],
    checkOn: 40,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.in_grace_period',
      'purchase.updated',
      'purchase.updated',
    ],
    entitlements: [],
    flags: ['in_account_hold'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'grace, then account hold, then expired',
    sent: (ids) => [
      bought(ids),
      inGrace(ids),
      {
        on: 37,
        rtdn: about(RTDN.ON_HOLD, ids.token),
        subscriptions: {
          [ids.token]: subscription('ON_HOLD', { order: ids.order, until: 37 }, { onHoldStateContext: {} }),
        },
      },
      {
        on: 97,
        rtdn: about(RTDN.EXPIRED, ids.token),
        subscriptions: {
          [ids.token]: subscription(
            'EXPIRED',
            { order: ids.order, until: 37 },
            { canceledStateContext: { systemInitiatedCancellation: {} } },
          ),
        },
      },
    ],
    answers: ['applied', 'applied', 'applied', 'applied'],
    checkOn: 98,
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
    name: 'paused: no access, in_pause',
    sent: (ids) => [
      bought(ids),
      {
        on: 30,
        rtdn: about(RTDN.PAUSED, ids.token),
        subscriptions: {
          [ids.token]: subscription(
            'PAUSED',
            { order: ids.order, until: 30 },
            { pausedStateContext: { autoResumeTime: iso(60) } },
          ),
        },
      },
    ],
    answers: ['applied', 'applied'],
    checkOn: 31,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.paused', 'purchase.updated'],
    entitlements: [],
    flags: ['in_pause'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'paused, then resumed with a new order',
    sent: (ids) => [
      bought(ids),
      {
        on: 30,
        rtdn: about(RTDN.PAUSED, ids.token),
        subscriptions: {
          [ids.token]: subscription(
            'PAUSED',
            { order: ids.order, until: 30 },
            { pausedStateContext: { autoResumeTime: iso(60) } },
          ),
        },
      },
      renewed(ids, 60, RTDN.RECOVERED),
    ],
    answers: ['applied', 'applied', 'applied'],
    checkOn: 61,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.paused',
      'purchase.updated',
      'user.subscription.resumed',
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
    name: 'an upgrade: a new purchase token linked to the old one, on the same user',
    sent: (ids) => [
      bought(ids),
      {
        on: 10,
        rtdn: about(RTDN.PURCHASED, ids.newToken),
        subscriptions: {
          [ids.token]: subscription(
            'EXPIRED',
            { order: ids.order, until: 10 },
            { canceledStateContext: { replacementCancellation: {} } },
          ),
          [ids.newToken]: subscription(
            'ACTIVE',
            { order: ids.otherOrder, until: 375, product: 'pro.annual' },
            { linkedPurchaseToken: ids.token, startTime: iso(10) },
          ),
        },
        orders: [
          subscriptionOrder(ids.otherOrder, {
            paidOn: 10,
            from: 10,
            until: 375,
            amount: 99_990_000,
            product: 'pro.annual',
          }),
        ],
      },
    ],
    answers: ['applied', 'applied'],
    checkOn: 11,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.sku_change', 'purchase.updated'],
    // pro.annual grants only premium: the old pro.monthly purchase, which also granted studio, no longer counts.
    entitlements: ['premium'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['purchase', 99_990_000],
    ],
  },
  {
    name: 'a downgrade deferred to the renewal',
    sent: (ids) => {
      const annual = subscriptionOrder(ids.order, {
        paidOn: 0,
        from: 0,
        until: 365,
        amount: 99_990_000,
        product: 'pro.annual',
      });
      return [
        {
          on: 0,
          rtdn: about(RTDN.PURCHASED, ids.token),
          subscriptions: {
            [ids.token]: subscription('ACTIVE', { order: ids.order, until: 365, product: 'pro.annual' }),
          },
          orders: [annual],
        },
        {
          on: 10,
          rtdn: about(RTDN.ITEMS_CHANGED, ids.token),
          subscriptions: {
            [ids.token]: subscription(
              'ACTIVE',
              { order: ids.order, until: 365, product: 'pro.annual' },
              {},
              { deferredItemReplacement: { productId: 'pro.monthly' } },
            ),
          },
        },
        renewed(ids, 365),
      ];
    },
    answers: ['applied', 'applied', 'applied'],
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
    name: 'a voided purchase: refunded and revoked',
    sent: (ids) => [
      bought(ids),
      {
        on: 5,
        rtdn: {
          voidedPurchaseNotification: { purchaseToken: ids.token, orderId: ids.order, productType: 1, refundType: 1 },
        },
        subscriptions: { [ids.token]: revokedByDeveloper(ids) },
        orders: [firstOrderRefunded(ids, 5)],
      },
    ],
    answers: ['applied', 'applied'],
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
    name: 'a revoked subscription, then its voided purchase: the refund booked once',
    sent: (ids) => [
      bought(ids),
      {
        on: 5,
        rtdn: about(RTDN.REVOKED, ids.token),
        subscriptions: { [ids.token]: revokedByDeveloper(ids) },
        orders: [firstOrderRefunded(ids, 5)],
      },
      {
        on: 5.01,
        rtdn: {
          voidedPurchaseNotification: { purchaseToken: ids.token, orderId: ids.order, productType: 1, refundType: 1 },
        },
      },
    ],
    answers: ['applied', 'applied', 'unchanged'],
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
    name: 'a refund Play did not revoke: access stays',
    sent: (ids) => [
      bought(ids),
      {
        on: 5,
        rtdn: {
          voidedPurchaseNotification: { purchaseToken: ids.token, orderId: ids.order, productType: 1, refundType: 1 },
        },
        orders: [firstOrderRefunded(ids, 5)],
      },
    ],
    answers: ['applied', 'applied'],
    checkOn: 6,
    events: ['user.subscription.purchased', 'purchase.updated', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['refund', -9_990_000],
    ],
  },
  {
    name: 'a one-time product, granting its entitlement for good',
    sent: ({ token, order }) => [
      {
        on: 0,
        rtdn: { oneTimeProductNotification: { notificationType: 1, purchaseToken: token, sku: 'lifetime' } },
        products: { [`lifetime:${token}`]: aProductPurchase({ orderId: order, purchaseTimeMillis: String(day(0)) }) },
        orders: [
          anOrder({
            orderId: order,
            total: usd(29_990_000),
            lineItems: [
              {
                productId: 'lifetime',
                productTitle: 'Lifetime',
                listingPrice: usd(29_990_000),
                total: usd(29_990_000),
                tax: usd(0),
                oneTimePurchaseDetails: { quantity: 1 },
              },
            ],
          }),
        ],
      },
    ],
    answers: ['applied'],
    checkOn: 4000,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium'],
    flags: [],
    revenue: [['purchase', 29_990_000]],
  },
  {
    name: 'the same push delivered twice',
    sent: (ids) => [
      { ...bought(ids), messageId: `redelivered-${ids.token}` },
      { ...bought(ids), messageId: `redelivered-${ids.token}` },
    ],
    answers: ['applied', 'duplicate'],
    checkOn: 1,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'a cancellation delivered before the purchase: both read what Play says now',
    sent: (ids) => {
      const cancelled = subscription('CANCELED', { order: ids.order, until: 30 }, userCancelled(0.5));
      return [
        {
          ...bought(ids),
          on: 1,
          eventOn: 0.5,
          rtdn: about(RTDN.CANCELED, ids.token),
          subscriptions: { [ids.token]: cancelled },
        },
        { ...bought(ids), on: 1.01, eventOn: 0, subscriptions: { [ids.token]: cancelled } },
      ];
    },
    answers: ['applied', 'unchanged'],
    checkOn: 2,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: ['is_cancelled'],
    revenue: [['purchase', 9_990_000]],
  },
];

function push(rtdn: DeveloperNotificationInput, options: { eventOn: number; messageId?: string | undefined }) {
  const notification = aDeveloperNotification({ ...rtdn, eventTimeMillis: day(options.eventOn) });
  return api.server.http.inject({
    method: 'POST',
    url: `/stores/google/${catalog.appPlatformId}/notifications`,
    headers: { authorization: play.pushAuthorization({ audience, email: SERVICE_ACCOUNT }) },
    payload: pubSubPush(notification, {
      publishTime: new Date(day(options.eventOn)),
      ...(options.messageId ? { messageId: options.messageId } : {}),
    }),
  });
}

/** Scripts Play for each step, then has Pub/Sub push its notification on that day; returns the outcomes. */
async function deliver(steps: Step[]): Promise<string[]> {
  const answers: string[] = [];
  for (const step of steps) {
    for (const [token, purchase] of Object.entries(step.subscriptions ?? {})) {
      play.subscriptions.set(token, purchase);
    }
    for (const [key, purchase] of Object.entries(step.products ?? {})) {
      play.products.set(key, purchase);
    }
    for (const order of step.orders ?? []) {
      play.orders.set(order.orderId ?? '', order);
    }
    api.server.setClock(new Date(day(step.on)));
    const response = await push(step.rtdn, { eventOn: step.eventOn ?? step.on, messageId: step.messageId });
    expect(response.statusCode, response.body).toBe(200);
    answers.push(response.json().outcome);
  }
  return answers;
}

let scenarioCount = 0;
/** Tokens and order ids no other test uses. */
function freshIds(): Ids {
  scenarioCount += 1;
  const n = String(scenarioCount).padStart(4, '0');
  return {
    token: `scenario-${n}.AO-J1OxZkPz7-first`,
    newToken: `scenario-${n}.AO-J1OxZkPz7-second`,
    order: `GPA.3301-${n}-0000-00001`,
    otherOrder: `GPA.3301-${n}-0000-00002`,
  };
}

const flagsSet = (journey: Record<string, boolean>) =>
  Object.entries(journey).flatMap(([flag, on]) => (on ? [flag] : []));

describe('Google Play notifications through HTTP', () => {
  test.each(scenarios)('$name', async (scenario) => {
    const ids = freshIds();
    const answers = await deliver(scenario.sent(ids));
    const userId = await userOfStorePurchase(api.server, catalog.appId, ids.token);

    const state = await customerState(api.server.database.db, catalog.appId, userId, new Date(day(scenario.checkOn)));
    const revenue = await revenueOf(api.server, userId);

    expect(answers).toEqual(scenario.answers);
    expect(await eventTypesOf(api.server, userId)).toEqual(scenario.events);
    expect(state.activeEntitlements.map((e) => e.entitlement_ref_id)).toEqual(scenario.entitlements);
    expect(flagsSet({ ...state.journey })).toEqual(scenario.flags);
    expect(revenue.map((row) => [row.revenue_type, row.amount_micros])).toEqual(scenario.revenue);
    expect(revenue.every((row) => row.environment === 'production' && row.store === 'google')).toBe(true);
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });
});

/** A subscription whose pending payment was cancelled before it completed: Play never started it. */
const pendingCancelled = ({ token }: Ids): Step => ({
  on: 0,
  rtdn: about(RTDN.PENDING_PURCHASE_CANCELED, token),
  subscriptions: {
    [token]: subscription(
      'PENDING_PURCHASE_CANCELED',
      { order: '', until: 0 },
      { startTime: undefined },
      { expiryTime: undefined, latestSuccessfulOrderId: undefined },
    ),
  },
});

describe('Google Play notifications that grant nothing', () => {
  test('a pending purchase cancelled before it was paid grants nothing and books nothing', async () => {
    const ids = freshIds();

    const answers = await deliver([pendingCancelled(ids)]);

    const userId = await userOfStorePurchase(api.server, catalog.appId, ids.token);
    const state = await customerState(api.server.database.db, catalog.appId, userId, new Date(day(1)));
    expect(answers).toEqual(['applied']);
    expect(await eventTypesOf(api.server, userId)).toEqual(['purchase.updated']);
    expect(state.activeEntitlements).toEqual([]);
    expect(await revenueOf(api.server, userId)).toEqual([]);
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('a pending purchase cancelled before it was paid does not make the user a former subscriber', async () => {
    const ids = freshIds();

    await deliver([pendingCancelled(ids)]);

    const userId = await userOfStorePurchase(api.server, catalog.appId, ids.token);
    const state = await customerState(api.server.database.db, catalog.appId, userId, new Date(day(1)));
    expect(flagsSet({ ...state.journey })).toEqual([]);
  });

  test('answers a test notification 200 ignored, asking Play nothing', async () => {
    const asked = play.requests.length;

    const response = await push({ testNotification: {} }, { eventOn: 0 });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'ignored', events: [], reason: 'test notification' });
    expect(play.requests.length).toBe(asked);
  });
});

describe('what Tollgate asks Play', () => {
  test('reads the token from subscriptionsv2 and the order funding its period, with the configured access token', async () => {
    const ids = freshIds();
    const asked = play.requests.length;

    await deliver([bought(ids)]);

    const api3 = `/androidpublisher/v3/applications/${PLAY_PACKAGE_NAME}`;
    expect(play.requests.slice(asked)).toEqual([
      {
        method: 'GET',
        url: `${api3}/purchases/subscriptionsv2/tokens/${ids.token}`,
        authorization: `Bearer ${PLAY_FAKE_ACCESS_TOKEN}`,
      },
      { method: 'GET', url: `${api3}/orders/${ids.order}`, authorization: `Bearer ${PLAY_FAKE_ACCESS_TOKEN}` },
    ]);
  });

  test('reads a one-time purchase from products with the sku the notification names', async () => {
    const ids = freshIds();
    const asked = play.requests.length;
    play.products.set(`lifetime:${ids.token}`, aProductPurchase({ orderId: ids.order }));

    await deliver([
      {
        on: 0,
        rtdn: { oneTimeProductNotification: { notificationType: 1, purchaseToken: ids.token, sku: 'lifetime' } },
      },
    ]);

    expect(play.requests.slice(asked).map((request) => request.url)).toEqual([
      `/androidpublisher/v3/applications/${PLAY_PACKAGE_NAME}/purchases/products/lifetime/tokens/${ids.token}`,
      `/androidpublisher/v3/applications/${PLAY_PACKAGE_NAME}/orders/${ids.order}`,
    ]);
  });

  test('a renewal seen before the purchase books the first order too', async () => {
    const ids = freshIds();
    const renewal = renewed(ids, 30);

    // Play has both orders by then: Tollgate asks for the earlier one when it first sees the token.
    const answers = await deliver([
      { ...renewal, on: 30.1, orders: [...(renewal.orders ?? []), ...(bought(ids).orders ?? [])] },
      { ...bought(ids), on: 30.2, subscriptions: renewal.subscriptions ?? {} },
    ]);

    const userId = await userOfStorePurchase(api.server, catalog.appId, ids.token);
    expect(answers).toEqual(['applied', 'unchanged']);
    expect((await revenueOf(api.server, userId)).map((row) => [row.revenue_type, row.amount_micros])).toEqual([
      ['purchase', 9_990_000],
      ['renewal', 9_990_000],
    ]);
  });
});

describe('acknowledging purchases to Play', () => {
  const PENDING = { acknowledgementState: 'ACKNOWLEDGEMENT_STATE_PENDING' } as const;
  /** A purchase Play waits to see acknowledged, delivered by its RTDN. */
  const boughtUnacknowledged = (ids: Ids): Step => {
    const step = bought(ids);
    return { ...step, subscriptions: { [ids.token]: { ...step.subscriptions?.[ids.token], ...PENDING } } };
  };
  const acknowledge = () =>
    acknowledgeDuePurchases(
      api.server.deps,
      storeGateways(
        {
          appleExtraRootFiles: [],
          googleOidcCertsUrl: undefined,
          googlePlayApiUrl: play.url,
          googlePlayAccessToken: PLAY_FAKE_ACCESS_TOKEN,
          googlePlayTimeoutMs: 2000,
        },
        api.server.deps.secrets,
      ),
      50,
    );
  // Each step of deliver() sets the clock back to its day: the worker runs a moment after the last.
  const settle = () => api.server.advanceClock(1000);
  const acknowledgementsOf = (token: string, from: number) =>
    play.requests.slice(from).filter((request) => request.method === 'POST' && request.url.includes(token));

  test('the worker acknowledges a purchase Play waits on, once; one already acknowledged is left alone', async () => {
    const waiting = freshIds();
    const done = freshIds();
    const asked = play.requests.length;
    await deliver([boughtUnacknowledged(waiting), bought(done)]);
    settle();

    const first = await acknowledge();
    const second = await acknowledge();

    expect([first, second]).toEqual([['acknowledged'], []]);
    expect(acknowledgementsOf(waiting.token, asked)).toEqual([
      {
        method: 'POST',
        url: `/androidpublisher/v3/applications/${PLAY_PACKAGE_NAME}/purchases/subscriptions/pro.monthly/tokens/${waiting.token}:acknowledge`,
        authorization: `Bearer ${PLAY_FAKE_ACCESS_TOKEN}`,
      },
    ]);
    expect(acknowledgementsOf(done.token, asked)).toEqual([]);
    expect(play.subscriptions.get(waiting.token)?.acknowledgementState).toBe('ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED');
  });

  test('while Play does not answer, the purchase is due again five minutes later, not at once', async () => {
    const ids = freshIds();
    await deliver([boughtUnacknowledged(ids)]);
    settle();
    play.failNext(1, 503);

    const failed = await acknowledge();
    const atOnce = await acknowledge();
    api.server.advanceClock(5 * 60_000);
    const later = await acknowledge();

    expect([failed, atOnce, later]).toEqual([['unavailable'], [], ['acknowledged']]);
  });

  test('acknowledged by the app meanwhile: Play’s refusal ends it, and so does its next word', async () => {
    const refusedIds = freshIds();
    const renewedIds = freshIds();
    await deliver([boughtUnacknowledged(refusedIds), boughtUnacknowledged(renewedIds)]);
    // The app acknowledged both itself; Play says so on its next answer about the second.
    for (const { token } of [refusedIds, renewedIds]) {
      const purchase = play.subscriptions.get(token);
      if (purchase) {
        purchase.acknowledgementState = 'ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED';
      }
    }
    await deliver([{ on: 1, rtdn: about(RTDN.RECOVERED, renewedIds.token) }]);
    settle();

    const outcomes = await acknowledge();

    expect(outcomes).toEqual(['refused']);
    expect(await acknowledge()).toEqual([]);
  });
});
