import type { StoreNotification } from '@tollgate/db';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';

/** How long a claimed notification is the claiming worker's before another may try it. */
const CLAIM_MS = 5 * 60_000;

/**
 * Claims notifications that are due another try, in one statement: others running the
 * same query skip the locked rows, and the claim pushes them out of the next queries.
 */
export async function claimDueNotifications(deps: Deps, limit: number): Promise<StoreNotification[]> {
  const now = deps.now();
  return deps.db
    .updateTable('store_notifications')
    .set({ next_attempt_at: new Date(now.getTime() + CLAIM_MS) })
    .where(({ eb, selectFrom }) =>
      eb(
        sql`(app_id, id)`,
        'in',
        selectFrom('store_notifications')
          .select(['app_id', 'id'])
          .where('status', 'in', ['received', 'failed'])
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      ),
    )
    .returningAll()
    .execute();
}
