import type { StorePlatform } from '@tollgate/core';
import type { StoreNotification } from '@tollgate/db';
import type { Deps } from '../deps.js';

export interface RecordStoreNotificationInput {
  appId: string;
  appPlatformId: string;
  store: StorePlatform;
  /** The store's id for it, the same on every retry: Apple notificationUUID, Pub/Sub messageId. */
  storeNotificationId: string;
  notificationType: string;
  subtype: string | null;
  environment: string | null;
  signedAt: Date | null;
  /** The body as received. */
  body: string;
  /** What verification decoded from it. */
  decoded: unknown;
}

export type RecordStoreNotificationResult =
  /** New, or seen before but not finished: apply it (now). */
  | { outcome: 'to_apply'; notification: StoreNotification }
  /** Seen and finished before: nothing to do, nothing to emit. */
  | { outcome: 'duplicate'; notification: StoreNotification };

/**
 * Keeps a verified notification before anything else happens to it, so that the store is
 * answered only once it is durably stored. The store's id makes a retry land on the same row.
 */
export async function recordStoreNotification(
  deps: Deps,
  input: RecordStoreNotificationInput,
): Promise<RecordStoreNotificationResult> {
  const inserted = await deps.db
    .insertInto('store_notifications')
    .values({
      app_id: input.appId,
      id: deps.newId(),
      app_platform_id: input.appPlatformId,
      store: input.store,
      store_notification_id: input.storeNotificationId,
      notification_type: input.notificationType,
      subtype: input.subtype,
      environment: input.environment,
      signed_at: input.signedAt,
      body: input.body,
      decoded: JSON.stringify(input.decoded),
      status: 'received',
      outcome: null,
      last_error: null,
      // A notification the request fails to apply (a crash, a timeout) is the worker's after a minute.
      next_attempt_at: new Date(deps.now().getTime() + 60_000),
      purchase_id: null,
      received_at: deps.now(),
      applied_at: null,
    })
    .onConflict((conflict) => conflict.constraint('store_notifications_dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) {
    return { outcome: 'to_apply', notification: inserted };
  }
  const existing = await deps.db
    .selectFrom('store_notifications')
    .selectAll()
    .where('app_id', '=', input.appId)
    .where('app_platform_id', '=', input.appPlatformId)
    .where('store_notification_id', '=', input.storeNotificationId)
    .executeTakeFirstOrThrow();
  return existing.status === 'applied' || existing.status === 'ignored'
    ? { outcome: 'duplicate', notification: existing }
    : { outcome: 'to_apply', notification: existing };
}
