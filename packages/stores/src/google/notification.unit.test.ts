import { describe, expect, test } from 'vitest';
import { StorePayloadError } from '../store-payload-error.js';
import { parseDeveloperNotification } from './notification.js';

const PACKAGE = 'com.example.app';
const EVENT_MS = Date.UTC(2025, 0, 15, 12);
const TOKEN = 'opaque-token-up-to-150-chars.AO-J1OxZkPz7';

function aNotification(part: Record<string, unknown>): Record<string, unknown> {
  return { version: '1.0', packageName: PACKAGE, eventTimeMillis: String(EVENT_MS), ...part };
}

describe('parseDeveloperNotification', () => {
  test.each([
    [1, 'SUBSCRIPTION_RECOVERED'],
    [2, 'SUBSCRIPTION_RENEWED'],
    [3, 'SUBSCRIPTION_CANCELED'],
    [4, 'SUBSCRIPTION_PURCHASED'],
    [5, 'SUBSCRIPTION_ON_HOLD'],
    [6, 'SUBSCRIPTION_IN_GRACE_PERIOD'],
    [7, 'SUBSCRIPTION_RESTARTED'],
    [8, 'SUBSCRIPTION_PRICE_CHANGE_CONFIRMED'],
    [9, 'SUBSCRIPTION_DEFERRED'],
    [10, 'SUBSCRIPTION_PAUSED'],
    [11, 'SUBSCRIPTION_PAUSE_SCHEDULE_CHANGED'],
    [12, 'SUBSCRIPTION_REVOKED'],
    [13, 'SUBSCRIPTION_EXPIRED'],
    [20, 'SUBSCRIPTION_PENDING_PURCHASE_CANCELED'],
    [22, 'a code this code does not name (price step-up consent)'],
  ])('subscription notification %i (%s) names the token to fetch', (notificationType) => {
    const json = aNotification({
      // subscriptionId is deprecated and may still come: it is not needed.
      subscriptionNotification: {
        version: '1.0',
        notificationType,
        purchaseToken: TOKEN,
        subscriptionId: 'pro.monthly',
      },
    });

    expect(parseDeveloperNotification(json, PACKAGE)).toEqual({
      kind: 'subscription',
      notificationType,
      purchaseToken: TOKEN,
      eventTime: new Date(EVENT_MS),
    });
  });

  test.each([
    [1, 'ONE_TIME_PRODUCT_PURCHASED'],
    [2, 'ONE_TIME_PRODUCT_CANCELED'],
  ])('one-time product notification %i (%s) names the token and product', (notificationType) => {
    const json = aNotification({
      oneTimeProductNotification: { version: '1.0', notificationType, purchaseToken: TOKEN, sku: 'coins.100' },
    });

    expect(parseDeveloperNotification(json, PACKAGE)).toEqual({
      kind: 'one_time',
      notificationType,
      purchaseToken: TOKEN,
      sku: 'coins.100',
      eventTime: new Date(EVENT_MS),
    });
  });

  test.each([
    [1, 1, 'subscription', 'full'],
    [1, 2, 'subscription', 'partial'],
    [2, 1, 'one_time', 'full'],
    [2, 2, 'one_time', 'partial'],
  ] as const)(
    'a voided purchase of product type %i with refund type %i is a %s %s refund',
    (productType, refundType, kind, refund) => {
      const json = aNotification({
        voidedPurchaseNotification: {
          purchaseToken: TOKEN,
          orderId: 'GPA.3372-4150-9088-12345..0',
          productType,
          refundType,
        },
      });

      expect(parseDeveloperNotification(json, PACKAGE)).toEqual({
        kind: 'voided',
        purchaseToken: TOKEN,
        orderId: 'GPA.3372-4150-9088-12345..0',
        productType: kind,
        refundType: refund,
        eventTime: new Date(EVENT_MS),
      });
    },
  );

  test('a test notification from Play Console is a test', () => {
    const json = aNotification({ testNotification: { version: '1.0' } });

    expect(parseDeveloperNotification(json, PACKAGE)).toEqual({ kind: 'test' });
  });

  test('a kind of notification Play adds later is unknown', () => {
    const json = aNotification({ pendingRefundReviewNotification: { purchaseToken: TOKEN } });

    expect(parseDeveloperNotification(json, PACKAGE)).toEqual({ kind: 'unknown' });
  });

  test('eventTimeMillis as a JSON number is the same instant', () => {
    const json = aNotification({
      eventTimeMillis: EVENT_MS,
      subscriptionNotification: { notificationType: 2, purchaseToken: TOKEN },
    });

    expect(parseDeveloperNotification(json, PACKAGE)).toMatchObject({ eventTime: new Date(EVENT_MS) });
  });

  test('a notification for another package is refused', () => {
    const json = { ...aNotification({ testNotification: {} }), packageName: 'com.other.app' };

    expect(() => parseDeveloperNotification(json, PACKAGE)).toThrow(
      new StorePayloadError('google', 'a notification for package com.other.app, expected com.example.app'),
    );
  });

  test.each([
    ['null', null, /not a developer notification/],
    ['a string', 'hello', /not a developer notification/],
    ['an array', [], /not a developer notification/],
    ['no packageName', { eventTimeMillis: String(EVENT_MS), testNotification: {} }, /packageName/],
    ['no eventTimeMillis', { packageName: PACKAGE, testNotification: {} }, /eventTimeMillis/],
    [
      'an eventTimeMillis that is not milliseconds',
      aNotification({ eventTimeMillis: '2025-01-15T12:00:00Z' }),
      /eventTimeMillis/,
    ],
    [
      'a subscription notification without a token',
      aNotification({ subscriptionNotification: { notificationType: 4 } }),
      /subscriptionNotification\.purchaseToken/,
    ],
    [
      'a notification type as a string',
      aNotification({ subscriptionNotification: { notificationType: '4', purchaseToken: TOKEN } }),
      /subscriptionNotification\.notificationType/,
    ],
    [
      'a one-time notification without sku',
      aNotification({ oneTimeProductNotification: { notificationType: 1, purchaseToken: TOKEN } }),
      /oneTimeProductNotification\.sku/,
    ],
    [
      'a voided purchase of an unknown product type',
      aNotification({
        voidedPurchaseNotification: { purchaseToken: TOKEN, orderId: 'GPA.1', productType: 3, refundType: 1 },
      }),
      /voidedPurchaseNotification\.productType/,
    ],
    [
      'two kinds of notification at once',
      aNotification({
        testNotification: {},
        subscriptionNotification: { notificationType: 4, purchaseToken: TOKEN },
      }),
      /exactly one kind/,
    ],
  ])('refuses %s with a StorePayloadError', (_name, json, message) => {
    expect(() => parseDeveloperNotification(json, PACKAGE)).toThrow(StorePayloadError);
    expect(() => parseDeveloperNotification(json, PACKAGE)).toThrow(message);
  });
});
