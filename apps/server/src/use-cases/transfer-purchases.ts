import { purchasePayload } from '@tollgate/core';
import type { Database, Purchase } from '@tollgate/db';
import { sql, type Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { userSnapshot } from '../queries/customer-state.js';
import { purchaseStateOf } from '../queries/purchase-state.js';
import { type RecordedEvent, recordEvents } from './record-events.js';

/** The external ids that are a store's purchase ids: they belong with the purchase. */
const STORE_PURCHASE_KEYS = [
  'original_transaction_id',
  'purchase_token',
  'roku_transaction_id',
  'test_store_purchase_id',
];

/**
 * An entitlement transfer: purchases (with their revenue and store ids) move from one user to
 * another. The one losing them gets `user.subscription.transferred.from`, the one gaining
 * them `user.subscription.transferred.to`, each describing the user after the move.
 */
export async function transferPurchases(
  trx: Transaction<Database>,
  deps: Deps,
  input: { appId: string; purchaseIds: readonly string[]; fromUserId: string; toUserId: string },
): Promise<{ moved: number; events: RecordedEvent[] }> {
  const { appId, fromUserId, toUserId } = input;
  if (input.purchaseIds.length === 0 || fromUserId === toUserId) {
    return { moved: 0, events: [] };
  }
  const moved: Purchase[] = await trx
    .updateTable('purchases')
    .set({ user_id: toUserId, updated_at: deps.now() })
    .where('app_id', '=', appId)
    .where('id', 'in', input.purchaseIds)
    .where('user_id', '=', fromUserId)
    .returningAll()
    .execute();
  if (moved.length === 0) {
    return { moved: 0, events: [] };
  }
  const movedIds = moved.map((purchase) => purchase.id);
  await trx
    .updateTable('transactions')
    .set({ user_id: toUserId })
    .where('app_id', '=', appId)
    .where('purchase_id', 'in', movedIds)
    .execute();
  await trx
    .updateTable('external_ids')
    .set({ user_id: toUserId })
    .where('app_id', '=', appId)
    .where('user_id', '=', fromUserId)
    .where('key', 'in', STORE_PURCHASE_KEYS)
    .where(
      'value',
      'in',
      moved.map((purchase) => purchase.store_purchase_id),
    )
    .execute();
  await resummarizeRevenue(trx, deps, appId, [fromUserId, toUserId]);
  const now = deps.now();
  const [from, to] = [await userSnapshot(trx, appId, fromUserId, now), await userSnapshot(trx, appId, toUserId, now)];
  const transfer = { from_user_id: fromUserId, to_user_id: toUserId };
  const recorded: RecordedEvent[] = [];
  for (const purchase of moved) {
    const fields = {
      purchase: purchasePayload(purchase.id, purchase.app_platform_id, purchaseStateOf(purchase)),
      transfer,
    };
    for (const [user, type] of [
      [from, 'user.subscription.transferred.from'],
      [to, 'user.subscription.transferred.to'],
    ] as const) {
      recorded.push(
        ...(await recordEvents(trx, deps, {
          user,
          platform: purchase.store,
          events: [{ type, purchaseId: purchase.id, fields }],
        })),
      );
    }
  }
  return { moved: moved.length, events: recorded };
}

/** The revenue columns of users' summaries, made again from their revenue rows (a user's are few). */
async function resummarizeRevenue(trx: Transaction<Database>, deps: Deps, appId: string, userIds: readonly string[]) {
  await trx
    .updateTable('users')
    .set({
      updated_at: deps.now(),
      purchases_count: sql`(select count(*) from transactions t
        where t.app_id = users.app_id and t.user_id = users.id and t.revenue_type in ('purchase', 'renewal'))`,
      lifetime_value_usd_micros: sql`(select coalesce(sum(t.usd_micros), 0) from transactions t
        where t.app_id = users.app_id and t.user_id = users.id)`,
      first_purchase_at: sql`(select min(t.occurred_at) from transactions t
        where t.app_id = users.app_id and t.user_id = users.id and t.revenue_type in ('purchase', 'renewal'))`,
      last_purchase_at: sql`(select max(t.occurred_at) from transactions t
        where t.app_id = users.app_id and t.user_id = users.id and t.revenue_type in ('purchase', 'renewal'))`,
    })
    .where('app_id', '=', appId)
    .where('id', 'in', userIds)
    .execute();
}
