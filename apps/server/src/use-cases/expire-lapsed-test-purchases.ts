import { stepTestPurchase } from '@tollgate/stores';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { purchaseStateOf } from '../queries/purchase-state.js';
import { applyIn } from './apply-store-snapshot.js';

/**
 * The test store's clock: a test purchase whose period (or grace) ran out without being
 * renewed expires, with its events, as a store's would. Returns how many expired.
 */
export async function expireLapsedTestPurchases(deps: Deps, limit: number): Promise<number> {
  const now = deps.now();
  const lapsed = await deps.db
    .selectFrom('purchases')
    .select(['app_id', 'id'])
    .where('environment', '=', 'nami_bypass_store')
    .where('status', 'in', ['active', 'grace_period'])
    .where(sql<boolean>`coalesce(grace_period_ends_at, expires_at) <= ${now}`)
    .limit(limit)
    .execute();
  let expired = 0;
  for (const { app_id: appId, id } of lapsed) {
    expired += await deps.db.transaction().execute(async (trx) => {
      const purchase = await trx
        .selectFrom('purchases')
        .selectAll()
        .where('app_id', '=', appId)
        .where('id', '=', id)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      const endedAt = purchase?.grace_period_ends_at ?? purchase?.expires_at;
      if (
        !purchase ||
        !endedAt ||
        endedAt > now ||
        (purchase.status !== 'active' && purchase.status !== 'grace_period')
      ) {
        return 0;
      }
      const step = stepTestPurchase(purchaseStateOf(purchase), {
        action: 'expire',
        at: endedAt,
        price: { amountMicros: 0, currency: 'USD' },
        skuRefId: null,
        periodDays: 0,
        days: 0,
      });
      if (step.outcome === 'not_possible') {
        return 0;
      }
      await applyIn(trx, deps, { appId, appPlatformId: purchase.app_platform_id, snapshot: step.snapshot });
      return 1;
    });
  }
  return expired;
}
