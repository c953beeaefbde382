import { androidpublisher_v3 } from '@googleapis/androidpublisher';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLAY_FAKE_ACCESS_TOKEN, type PlayFake, startPlayFake } from './play-fake.js';
import { anOrder, aProductPurchase, aSubscriptionLineItem, aSubscriptionPurchaseV2 } from './purchases.js';
import { PLAY_PACKAGE_NAME } from './push.js';

let fake: PlayFake;

beforeAll(async () => {
  fake = await startPlayFake();
});

afterAll(() => fake.close());

/** The real generated client, as production builds it, pointed at the fake. */
function playClient(accessToken = PLAY_FAKE_ACCESS_TOKEN): androidpublisher_v3.Androidpublisher {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: accessToken });
  return new androidpublisher_v3.Androidpublisher({ auth, rootUrl: `${fake.url}/`, retry: false, timeout: 5_000 });
}

/** The HTTP status and Google error body a call failed with. */
async function failureOf(call: Promise<unknown>): Promise<{ status: unknown; error: unknown }> {
  try {
    await call;
  } catch (error) {
    // Match on fields, not instanceof: the tree holds more than one gaxios.
    if (error instanceof Error && 'status' in error && 'response' in error) {
      const response = error.response as { data?: { error?: unknown } } | undefined;
      return { status: error.status, error: response?.data?.error };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('the Play fake, through the real androidpublisher v3 client', () => {
  test('answers a scripted subscription with the client’s bearer on record', async () => {
    fake.subscriptions.set(
      'sub-token-1',
      aSubscriptionPurchaseV2({ lineItems: [aSubscriptionLineItem({ offerPhase: { freeTrial: {} } })] }),
    );

    const { data, status } = await playClient().purchases.subscriptionsv2.get({
      packageName: PLAY_PACKAGE_NAME,
      token: 'sub-token-1',
    });

    expect(status).toBe(200);
    expect(data.subscriptionState).toBe('SUBSCRIPTION_STATE_ACTIVE');
    expect(data.lineItems?.[0]).toMatchObject({
      productId: 'pro.monthly',
      offerPhase: { freeTrial: {} },
      autoRenewingPlan: {
        autoRenewEnabled: true,
        recurringPrice: { currencyCode: 'USD', units: '9', nanos: 990000000 },
      },
    });
    expect(fake.requests.at(-1)).toEqual({
      method: 'GET',
      url: `/androidpublisher/v3/applications/${PLAY_PACKAGE_NAME}/purchases/subscriptionsv2/tokens/sub-token-1`,
      authorization: `Bearer ${PLAY_FAKE_ACCESS_TOKEN}`,
    });
  });

  test('answers a scripted one-time product purchase', async () => {
    fake.products.set('coins.100:product-token-1', aProductPurchase({ orderId: 'GPA.3300-0000-0000-00077' }));

    const { data } = await playClient().purchases.products.get({
      packageName: PLAY_PACKAGE_NAME,
      productId: 'coins.100',
      token: 'product-token-1',
    });

    expect(data).toMatchObject({ orderId: 'GPA.3300-0000-0000-00077', purchaseState: 0 });
  });

  test('acknowledges a subscription once: the next read says so, and a second acknowledgement is a 400', async () => {
    fake.subscriptions.set(
      'sub-token-ack',
      aSubscriptionPurchaseV2({ acknowledgementState: 'ACKNOWLEDGEMENT_STATE_PENDING' }),
    );
    const acknowledge = () =>
      playClient().purchases.subscriptions.acknowledge({
        packageName: PLAY_PACKAGE_NAME,
        subscriptionId: 'pro.monthly',
        token: 'sub-token-ack',
      });

    const { status } = await acknowledge();
    const { data } = await playClient().purchases.subscriptionsv2.get({
      packageName: PLAY_PACKAGE_NAME,
      token: 'sub-token-ack',
    });

    expect(status).toBe(200);
    expect(data.acknowledgementState).toBe('ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED');
    expect(await failureOf(acknowledge())).toMatchObject({ status: 400, error: { status: 'INVALID_ARGUMENT' } });
    expect(
      await failureOf(
        playClient().purchases.subscriptions.acknowledge({
          packageName: PLAY_PACKAGE_NAME,
          subscriptionId: 'another.sku',
          token: 'sub-token-ack',
        }),
      ),
    ).toMatchObject({ status: 404 });
  });

  test('acknowledges a purchased one-time product, but not a pending one', async () => {
    fake.products.set('coins.500:product-ack', aProductPurchase({ acknowledgementState: 0 }));
    fake.products.set('coins.500:product-pending', aProductPurchase({ acknowledgementState: 0, purchaseState: 2 }));
    const acknowledge = (token: string) =>
      playClient().purchases.products.acknowledge({ packageName: PLAY_PACKAGE_NAME, productId: 'coins.500', token });

    const { status } = await acknowledge('product-ack');

    expect(status).toBe(200);
    expect(fake.products.get('coins.500:product-ack')?.acknowledgementState).toBe(1);
    expect(await failureOf(acknowledge('product-pending'))).toMatchObject({ status: 400 });
  });

  test('answers a scripted order, renewal suffix and all', async () => {
    fake.orders.set('GPA.3300-0000-0000-00001..1', anOrder({ orderId: 'GPA.3300-0000-0000-00001..1' }));

    const { data } = await playClient().orders.get({
      packageName: PLAY_PACKAGE_NAME,
      orderId: 'GPA.3300-0000-0000-00001..1',
    });

    expect(data).toMatchObject({ orderId: 'GPA.3300-0000-0000-00001..1', total: { units: '9', nanos: 990000000 } });
  });

  test('answers an unknown subscription token with 410 GONE', async () => {
    const failure = await failureOf(
      playClient().purchases.subscriptionsv2.get({ packageName: PLAY_PACKAGE_NAME, token: 'expired-long-ago' }),
    );

    expect(failure).toMatchObject({ status: 410, error: { code: 410, status: 'GONE' } });
  });

  test('answers an unknown product purchase and an unknown order with 404 NOT_FOUND', async () => {
    const product = await failureOf(
      playClient().purchases.products.get({ packageName: PLAY_PACKAGE_NAME, productId: 'coins.100', token: 'nope' }),
    );
    const order = await failureOf(playClient().orders.get({ packageName: PLAY_PACKAGE_NAME, orderId: 'GPA.nope' }));

    expect(product).toMatchObject({ status: 404, error: { code: 404, status: 'NOT_FOUND' } });
    expect(order).toMatchObject({ status: 404, error: { code: 404, status: 'NOT_FOUND' } });
  });

  test('answers a wrong bearer with 401 UNAUTHENTICATED, once (the static token is never refreshed)', async () => {
    fake.subscriptions.set('sub-token-2', aSubscriptionPurchaseV2());
    const before = fake.requests.length;

    const failure = await failureOf(
      playClient('someone-elses-token').purchases.subscriptionsv2.get({
        packageName: PLAY_PACKAGE_NAME,
        token: 'sub-token-2',
      }),
    );

    expect(failure).toMatchObject({ status: 401, error: { code: 401, status: 'UNAUTHENTICATED' } });
    expect(fake.requests.length - before).toBe(1);
  });

  test('fails the next request with 503 after failNext(1, 503), then answers 200', async () => {
    fake.subscriptions.set('sub-token-3', aSubscriptionPurchaseV2());
    const play = playClient();
    const before = fake.requests.length;
    fake.failNext(1, 503);

    const failure = await failureOf(
      play.purchases.subscriptionsv2.get({ packageName: PLAY_PACKAGE_NAME, token: 'sub-token-3' }),
    );
    const retried = await play.purchases.subscriptionsv2.get({ packageName: PLAY_PACKAGE_NAME, token: 'sub-token-3' });

    expect(failure).toMatchObject({ status: 503, error: { code: 503, status: 'UNAVAILABLE' } });
    expect(retried.status).toBe(200);
    expect(fake.requests.length - before).toBe(2);
  });

  test('answers 429 RESOURCE_EXHAUSTED when told to', async () => {
    fake.subscriptions.set('sub-token-4', aSubscriptionPurchaseV2());
    fake.failNext(1, 429);

    const failure = await failureOf(
      playClient().purchases.subscriptionsv2.get({ packageName: PLAY_PACKAGE_NAME, token: 'sub-token-4' }),
    );

    expect(failure).toMatchObject({ status: 429, error: { status: 'RESOURCE_EXHAUSTED' } });
  });

  test('leaves a request hanging until the client times out', async () => {
    fake.subscriptions.set('sub-token-5', aSubscriptionPurchaseV2());
    fake.failNext(1, 503, { hang: true });

    const call = playClient().purchases.subscriptionsv2.get(
      { packageName: PLAY_PACKAGE_NAME, token: 'sub-token-5' },
      { timeout: 200 },
    );

    await expect(call).rejects.toThrow(/abort/i);
  });
});
