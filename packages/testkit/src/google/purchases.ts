import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import { DAY_MS, FIXTURE_NOW_MS } from '../fixture-time.js';

type SubscriptionPurchaseV2 = androidpublisher_v3.Schema$SubscriptionPurchaseV2;
type SubscriptionPurchaseLineItem = androidpublisher_v3.Schema$SubscriptionPurchaseLineItem;
type ProductPurchase = androidpublisher_v3.Schema$ProductPurchase;
type Order = androidpublisher_v3.Schema$Order;

// Money on the wire: units is an int64 string, nanos an int32 (9.99 = "9" + 990000000).
const PRICE = { currencyCode: 'USD', units: '9', nanos: 990_000_000 };
const NO_TAX = { currencyCode: 'USD', units: '0', nanos: 0 };

const iso = (ms: number) => new Date(ms).toISOString();

/** One auto-renewing line item at its base price, current period FIXTURE_NOW_MS + 30 days. */
export function aSubscriptionLineItem(overrides: SubscriptionPurchaseLineItem = {}): SubscriptionPurchaseLineItem {
  return {
    productId: 'pro.monthly',
    expiryTime: iso(FIXTURE_NOW_MS + 30 * DAY_MS),
    autoRenewingPlan: { autoRenewEnabled: true, recurringPrice: { ...PRICE } },
    offerDetails: { basePlanId: 'monthly', offerTags: [] },
    offerPhase: { basePrice: {} },
    latestSuccessfulOrderId: 'GPA.3300-0000-0000-00001',
    ...overrides,
  };
}

/** What purchases.subscriptionsv2.get answers for an active, acknowledged subscription. */
export function aSubscriptionPurchaseV2(overrides: SubscriptionPurchaseV2 = {}): SubscriptionPurchaseV2 {
  return {
    kind: 'androidpublisher#subscriptionPurchaseV2',
    regionCode: 'US',
    startTime: iso(FIXTURE_NOW_MS),
    subscriptionState: 'SUBSCRIPTION_STATE_ACTIVE',
    acknowledgementState: 'ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED',
    lineItems: [aSubscriptionLineItem()],
    ...overrides,
  };
}

/** What purchases.products.get answers for a completed, acknowledged one-time purchase. */
export function aProductPurchase(overrides: ProductPurchase = {}): ProductPurchase {
  return {
    kind: 'androidpublisher#productPurchase',
    purchaseTimeMillis: String(FIXTURE_NOW_MS),
    purchaseState: 0,
    consumptionState: 0,
    acknowledgementState: 1,
    orderId: 'GPA.3300-0000-0000-00002',
    regionCode: 'US',
    quantity: 1,
    ...overrides,
  };
}

/** What orders.get answers for the order funding aSubscriptionPurchaseV2()'s current period. */
export function anOrder(overrides: Order = {}): Order {
  return {
    orderId: 'GPA.3300-0000-0000-00001',
    state: 'PROCESSED',
    createTime: iso(FIXTURE_NOW_MS),
    lastEventTime: iso(FIXTURE_NOW_MS),
    buyerAddress: { buyerCountry: 'US' },
    salesChannel: 'IN_APP',
    total: { ...PRICE },
    tax: { ...NO_TAX },
    lineItems: [
      {
        productId: 'pro.monthly',
        productTitle: 'Pro (monthly)',
        listingPrice: { ...PRICE },
        total: { ...PRICE },
        tax: { ...NO_TAX },
        subscriptionDetails: {
          basePlanId: 'monthly',
          offerPhaseDetails: { baseDetails: {} },
          servicePeriodStartTime: iso(FIXTURE_NOW_MS),
          servicePeriodEndTime: iso(FIXTURE_NOW_MS + 30 * DAY_MS),
        },
      },
    ],
    orderHistory: { processedEvent: { eventTime: iso(FIXTURE_NOW_MS) } },
    ...overrides,
  };
}
