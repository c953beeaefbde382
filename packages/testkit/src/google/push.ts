import { randomInt } from 'node:crypto';
import { FIXTURE_NOW_MS } from '../fixture-time.js';

export const PLAY_PACKAGE_NAME = 'com.example.app';

/** What Play publishes to the RTDN topic; exactly one of the four kinds is present. */
export interface DeveloperNotification {
  version: string;
  packageName: string;
  /** ms epoch as a string, as Play sends it. */
  eventTimeMillis: string;
  subscriptionNotification?: { version: string; notificationType: number; purchaseToken: string };
  oneTimeProductNotification?: { version: string; notificationType: number; purchaseToken: string; sku: string };
  voidedPurchaseNotification?: { purchaseToken: string; orderId: string; productType: number; refundType: number };
  testNotification?: { version: string };
}

type Kinds =
  | 'subscriptionNotification'
  | 'oneTimeProductNotification'
  | 'voidedPurchaseNotification'
  | 'testNotification';
type OneKind<K extends Kinds, V> = { [P in K]: V } & { [P in Exclude<Kinds, K>]?: never };

export type DeveloperNotificationInput = {
  packageName?: string;
  eventTimeMillis?: number | string;
} & (
  | OneKind<'subscriptionNotification', { notificationType: number; purchaseToken: string; version?: string }>
  | OneKind<
      'oneTimeProductNotification',
      { notificationType: number; purchaseToken: string; sku: string; version?: string }
    >
  | OneKind<'voidedPurchaseNotification', NonNullable<DeveloperNotification['voidedPurchaseNotification']>>
  | Partial<OneKind<'testNotification', { version?: string }>>
);

/**
 * A DeveloperNotification for PLAY_PACKAGE_NAME at FIXTURE_NOW_MS (a test notification unless
 * another kind is given); versions default to "1.0".
 */
export function aDeveloperNotification(input: DeveloperNotificationInput): DeveloperNotification {
  const base = {
    version: '1.0',
    packageName: input.packageName ?? PLAY_PACKAGE_NAME,
    eventTimeMillis: String(input.eventTimeMillis ?? FIXTURE_NOW_MS),
  };
  if (input.subscriptionNotification) {
    return { ...base, subscriptionNotification: { version: '1.0', ...input.subscriptionNotification } };
  }
  if (input.oneTimeProductNotification) {
    return { ...base, oneTimeProductNotification: { version: '1.0', ...input.oneTimeProductNotification } };
  }
  if (input.voidedPurchaseNotification) {
    return { ...base, voidedPurchaseNotification: input.voidedPurchaseNotification };
  }
  return { ...base, testNotification: { version: '1.0', ...input.testNotification } };
}

export interface PubSubPushOptions {
  /** Random by default; pass one to model a redelivery (Pub/Sub keeps it). */
  messageId?: string;
  publishTime?: Date;
  subscription?: string;
}

/** The body of a Pub/Sub push in the default "wrapped" format. */
export interface PubSubPushBody {
  message: {
    /** Standard base64 of the notification JSON. */
    data: string;
    attributes: Record<string, string>;
    messageId: string;
    message_id: string;
    publishTime: string;
    publish_time: string;
  };
  subscription: string;
}

/** What Pub/Sub POSTs to a push endpoint for one message carrying `notification`. */
export function pubSubPush(notification: object, options: PubSubPushOptions = {}): PubSubPushBody {
  const messageId = options.messageId ?? String(randomInt(100_000_000_000, 2 ** 47));
  const publishTime = (options.publishTime ?? new Date(FIXTURE_NOW_MS)).toISOString();
  return {
    message: {
      data: Buffer.from(JSON.stringify(notification)).toString('base64'),
      attributes: {},
      messageId,
      message_id: messageId,
      publishTime,
      publish_time: publishTime,
    },
    subscription: options.subscription ?? 'projects/tollgate-test/subscriptions/play-rtdn-push',
  };
}
