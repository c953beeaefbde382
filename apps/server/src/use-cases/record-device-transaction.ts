import { purchasePayload, type StoreSnapshot } from '@tollgate/core';
import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.js';
import { purchaseStateOf } from '../queries/purchase-state.js';
import { applyIn, retryingFirstSightings } from './apply-store-snapshot.js';
import type { Attribution } from './count-campaign-results.js';
import { recordDeviceEvent } from './device-events.js';
import type { SdkCaller } from './sdk-caller.js';
import { transferPurchases } from './transfer-purchases.js';

export type RecordDeviceTransactionResult =
  | { outcome: 'recorded'; purchaseId: string; userId: string; events: string[] }
  /** The same transaction id again: a retry. Nothing changes and nothing is emitted. */
  | { outcome: 'already_recorded'; purchaseId: string; userId: string }
  | { outcome: 'device_not_found' };

/**
 * A purchase made on a device, as the store confirmed it: applied through the engine like a
 * store's notification, linked to the device (so that it moves when the device logs in),
 * given to the device's user (an entitlement transfer if someone else had it), and told as
 * `device.transaction`.
 */
type Prior = Exclude<RecordDeviceTransactionResult, { outcome: 'recorded' }> | { outcome: 'new'; user_id: string };

/**
 * Whether the device exists on the caller's platform and has reported this transaction id
 * before: asked before the store is, so that a retry or a wrong device costs no store call.
 */
export async function priorDeviceTransaction(
  db: Kysely<Database>,
  input: { caller: SdkCaller; deviceId: string; transactionId: string },
  options: { lock: boolean } = { lock: false },
): Promise<Prior> {
  const { caller } = input;
  const query = db
    .selectFrom('devices')
    .select('user_id')
    .where('app_id', '=', caller.app_id)
    .where('id', '=', input.deviceId)
    .where('app_platform_id', '=', caller.id);
  const device = await (options.lock ? query.forUpdate() : query).executeTakeFirst();
  if (!device) {
    return { outcome: 'device_not_found' };
  }
  const known = await db
    .selectFrom('device_transactions')
    .select('purchase_id')
    .where('app_id', '=', caller.app_id)
    .where('id', '=', input.transactionId)
    .executeTakeFirst();
  if (known) {
    return { outcome: 'already_recorded', purchaseId: known.purchase_id, userId: device.user_id };
  }
  return { outcome: 'new', user_id: device.user_id };
}

export function recordDeviceTransaction(
  deps: Deps,
  input: {
    caller: SdkCaller;
    deviceId: string;
    transactionId: string;
    snapshot: StoreSnapshot;
    /** The campaign and variant whose paywall the purchase was made on, as the device said. */
    campaign: Attribution | null;
  },
): Promise<RecordDeviceTransactionResult> {
  const { caller } = input;
  return retryingFirstSightings(() =>
    deps.db.transaction().execute(async (trx) => {
      const prior = await priorDeviceTransaction(trx, input, { lock: true });
      if (prior.outcome !== 'new') {
        return prior;
      }
      const device = prior;
      const applied = await applyIn(trx, deps, {
        appId: caller.app_id,
        appPlatformId: caller.id,
        snapshot: input.snapshot,
        ownerUserId: device.user_id,
        attribution: input.campaign,
      });
      const transfer = await transferPurchases(trx, deps, {
        appId: caller.app_id,
        purchaseIds: [applied.purchaseId],
        fromUserId: applied.userId,
        toUserId: device.user_id,
      });
      const purchase = await trx
        .updateTable('purchases')
        .set({ device_id: input.deviceId })
        .where('app_id', '=', caller.app_id)
        .where('id', '=', applied.purchaseId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('device_transactions')
        .values({
          app_id: caller.app_id,
          id: input.transactionId,
          device_id: input.deviceId,
          purchase_id: purchase.id,
          campaign_id: input.campaign?.id ?? null,
          variant: input.campaign?.variant ?? null,
          created_at: deps.now(),
        })
        .execute();
      await recordDeviceEvent(trx, deps, {
        appId: caller.app_id,
        userId: device.user_id,
        deviceId: input.deviceId,
        platform: caller.store,
        type: 'device.transaction',
        fields: {
          purchase: purchasePayload(purchase.id, purchase.app_platform_id, purchaseStateOf(purchase)),
          transaction: null,
          campaign: input.campaign,
        },
      });
      return {
        outcome: 'recorded',
        purchaseId: purchase.id,
        userId: device.user_id,
        events: [
          ...applied.events.map((event) => event.type),
          ...transfer.events.map((event) => event.type),
          'device.transaction',
        ],
      } as const;
    }),
  );
}
