import { anyOf } from '@tollgate/db';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';

export interface ClaimedDelivery {
  app_id: string;
  integration_id: string;
  event_id: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

/**
 * Claims due deliveries of integrations that may be sent to (enabled, not paused, not
 * throttled), oldest due first, in one statement: workers running the same query skip the
 * locked rows. The claim counts the attempt and moves the delivery past `leaseMs`, so that a
 * delivery whose worker died mid-send is due again when the lease ends: at least once.
 */
export async function claimDueDeliveries(
  deps: Deps,
  options: { limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  const now = deps.now();
  // The integrations that may be sent to, first: a handful of rows, and the claim below then
  // walks the due index in order and stops at the limit, whatever the backlog.
  const sendable = await deps.db
    .selectFrom('integrations')
    .select('id')
    .where('enabled', '=', true)
    .where('paused_at', 'is', null)
    .where((where) => where.or([where('throttled_until', 'is', null), where('throttled_until', '<=', now)]))
    .execute();
  if (sendable.length === 0) {
    return [];
  }
  return deps.db
    .updateTable('deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: new Date(now.getTime() + options.leaseMs),
      updated_at: now,
    }))
    .where(({ eb, selectFrom }) =>
      eb(
        sql`(app_id, integration_id, event_id)`,
        'in',
        selectFrom('deliveries')
          .select(['app_id', 'integration_id', 'event_id'])
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where(
            anyOf(
              'integration_id',
              sendable.map(({ id }) => id),
            ),
          )
          .orderBy('next_attempt_at')
          .limit(options.limit)
          .forUpdate()
          .skipLocked(),
      ),
    )
    .returning(['app_id', 'integration_id', 'event_id', 'attempts'])
    .execute();
}
