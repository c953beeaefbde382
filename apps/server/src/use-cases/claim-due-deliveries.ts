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
          .innerJoin('integrations', (join) =>
            join
              .onRef('integrations.app_id', '=', 'deliveries.app_id')
              .onRef('integrations.id', '=', 'deliveries.integration_id'),
          )
          .select(['deliveries.app_id', 'deliveries.integration_id', 'deliveries.event_id'])
          .where('deliveries.status', '=', 'pending')
          .where('deliveries.next_attempt_at', '<=', now)
          .where('integrations.enabled', '=', true)
          .where('integrations.paused_at', 'is', null)
          .where((where) =>
            where.or([
              where('integrations.throttled_until', 'is', null),
              where('integrations.throttled_until', '<=', now),
            ]),
          )
          .orderBy('deliveries.next_attempt_at')
          .limit(options.limit)
          .forUpdate('deliveries')
          .skipLocked(),
      ),
    )
    .returning(['app_id', 'integration_id', 'event_id', 'attempts'])
    .execute();
}
