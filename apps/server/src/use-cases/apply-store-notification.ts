import type { StoreSnapshot } from '@tollgate/core';
import type { Deps } from '../deps.js';
import { type ApplyStoreSnapshotResult, applyIn, retryingFirstSightings } from './apply-store-snapshot.js';

export type StoreNotificationEffect =
  | { kind: 'snapshot'; snapshot: StoreSnapshot }
  /** Nothing to apply (a test notification, a summary): kept for audit, with why. */
  | { kind: 'nothing'; why: string };

export type ApplyStoreNotificationResult =
  | { outcome: 'applied'; applied: ApplyStoreSnapshotResult }
  | { outcome: 'ignored'; why: string }
  /** Another delivery of it finished first. */
  | { outcome: 'already_done' };

/**
 * Applies a recorded notification, in one transaction with marking it done, so that a
 * notification is applied exactly once however often the store delivers it.
 */
export function applyStoreNotification(
  deps: Deps,
  input: {
    appId: string;
    notificationId: string;
    effect: StoreNotificationEffect;
    /** A replay: apply it even if it was applied before (the engine emits only what differs). */
    again?: boolean;
  },
): Promise<ApplyStoreNotificationResult> {
  return retryingFirstSightings(() =>
    deps.db.transaction().execute(async (trx) => {
      const notification = await trx
        .selectFrom('store_notifications')
        .select(['id', 'app_platform_id', 'status', 'attempts'])
        .where('app_id', '=', input.appId)
        .where('id', '=', input.notificationId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if ((notification.status === 'applied' || notification.status === 'ignored') && !input.again) {
        return { outcome: 'already_done' } as const;
      }
      const done = {
        attempts: notification.attempts + 1,
        applied_at: deps.now(),
        last_error: null,
        next_attempt_at: null,
      };
      if (input.effect.kind === 'nothing') {
        await trx
          .updateTable('store_notifications')
          .set({ ...done, status: 'ignored', outcome: input.effect.why })
          .where('app_id', '=', input.appId)
          .where('id', '=', notification.id)
          .execute();
        return { outcome: 'ignored', why: input.effect.why } as const;
      }
      const applied = await applyIn(trx, deps, {
        appId: input.appId,
        appPlatformId: notification.app_platform_id,
        snapshot: input.effect.snapshot,
      });
      await trx
        .updateTable('store_notifications')
        .set({ ...done, status: 'applied', outcome: applied.outcome, purchase_id: applied.purchaseId })
        .where('app_id', '=', input.appId)
        .where('id', '=', notification.id)
        .execute();
      return { outcome: 'applied', applied } as const;
    }),
  );
}

/** The worker's next try: a minute, then doubling, to a day; 50 tries cover about five weeks. */
const MAX_NOTIFICATION_ATTEMPTS = 50;

function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 86_400_000);
}

/** A notification that could not be applied now (the store's API was down): kept to retry. */
export async function failStoreNotification(
  deps: Deps,
  input: { appId: string; notificationId: string; error: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('store_notifications')
      .select(['attempts', 'status'])
      .where('app_id', '=', input.appId)
      .where('id', '=', input.notificationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.status !== 'received' && row.status !== 'failed') {
      return;
    }
    const attempts = row.attempts + 1;
    await trx
      .updateTable('store_notifications')
      .set({
        status: 'failed',
        attempts,
        last_error: input.error.slice(0, 2000),
        next_attempt_at:
          attempts >= MAX_NOTIFICATION_ATTEMPTS ? null : new Date(deps.now().getTime() + retryDelayMs(attempts)),
      })
      .where('app_id', '=', input.appId)
      .where('id', '=', input.notificationId)
      .execute();
  });
}
