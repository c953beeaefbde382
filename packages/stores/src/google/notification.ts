import { z } from 'zod';
import { StorePayloadError } from '../store-payload-error.js';

/**
 * A Play real-time developer notification (the decoded Pub/Sub `message.data`). It only
 * says which token changed: the state comes from subscriptionsv2.get / products.get.
 * Notification type codes pass through as numbers, so codes Play adds later still lead
 * to a fetch.
 */
export type DeveloperNotification =
  | { kind: 'subscription'; notificationType: number; purchaseToken: string; eventTime: Date }
  | { kind: 'one_time'; notificationType: number; purchaseToken: string; sku: string; eventTime: Date }
  | {
      kind: 'voided';
      purchaseToken: string;
      orderId: string;
      productType: 'subscription' | 'one_time';
      refundType: 'full' | 'partial';
      eventTime: Date;
    }
  | { kind: 'test' }
  /** None of the kinds above (a kind Play added later): store it, apply nothing. */
  | { kind: 'unknown' };

const token = z.string().min(1);
const notificationType = z.number().int().positive();

const developerNotification = z.object({
  packageName: z.string().min(1),
  // A JSON string in practice; a number is the same instant.
  eventTimeMillis: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]),
  subscriptionNotification: z.object({ notificationType, purchaseToken: token }).optional(),
  oneTimeProductNotification: z.object({ notificationType, purchaseToken: token, sku: z.string().min(1) }).optional(),
  voidedPurchaseNotification: z
    .object({
      purchaseToken: token,
      orderId: z.string().min(1),
      productType: z.union([z.literal(1), z.literal(2)]),
      refundType: z.union([z.literal(1), z.literal(2)]),
    })
    .optional(),
  testNotification: z.object({}).optional(),
});

const VOIDED_PRODUCT_TYPES = { 1: 'subscription', 2: 'one_time' } as const;
const REFUND_TYPES = { 1: 'full', 2: 'partial' } as const;

/** Validates a decoded notification and that it is about `packageName`; throws StorePayloadError otherwise. */
export function parseDeveloperNotification(json: unknown, packageName: string): DeveloperNotification {
  const parsed = developerNotification.safeParse(json);
  if (!parsed.success) {
    throw new StorePayloadError('google', `not a developer notification: ${z.prettifyError(parsed.error)}`);
  }
  const notification = parsed.data;
  if (notification.packageName !== packageName) {
    throw new StorePayloadError(
      'google',
      `a notification for package ${notification.packageName}, expected ${packageName}`,
    );
  }
  const { subscriptionNotification, oneTimeProductNotification, voidedPurchaseNotification, testNotification } =
    notification;
  const present = [subscriptionNotification, oneTimeProductNotification, voidedPurchaseNotification, testNotification];
  if (present.filter((part) => part !== undefined).length > 1) {
    throw new StorePayloadError('google', 'a developer notification carries exactly one kind of notification');
  }
  const eventTime = new Date(Number(notification.eventTimeMillis));
  if (subscriptionNotification) {
    const { notificationType, purchaseToken } = subscriptionNotification;
    return { kind: 'subscription', notificationType, purchaseToken, eventTime };
  }
  if (oneTimeProductNotification) {
    const { notificationType, purchaseToken, sku } = oneTimeProductNotification;
    return { kind: 'one_time', notificationType, purchaseToken, sku, eventTime };
  }
  if (voidedPurchaseNotification) {
    return {
      kind: 'voided',
      purchaseToken: voidedPurchaseNotification.purchaseToken,
      orderId: voidedPurchaseNotification.orderId,
      productType: VOIDED_PRODUCT_TYPES[voidedPurchaseNotification.productType],
      refundType: REFUND_TYPES[voidedPurchaseNotification.refundType],
      eventTime,
    };
  }
  return testNotification ? { kind: 'test' } : { kind: 'unknown' };
}
