import type { DeliveryStatusColumn } from '@tollgate/db';
import type { Deps } from '../deps.js';

export interface ReplayInput {
  appId: string;
  integrationId: string;
  /** One event's delivery, or every delivery in `statuses` whose event happened in [from, to). */
  select:
    | { eventId: string }
    | { statuses: Array<Exclude<DeliveryStatusColumn, 'pending'>>; from: Date | null; to: Date | null };
}

/**
 * Sends deliveries again: due at once, with a fresh retry schedule. A replay is the same
 * event to the same integration, so the vendor's dedupe key (insert_id, source_message_id,
 * webhook-id) is the same too. Returns how many were queued again.
 */
export async function replayDeliveries(deps: Deps, input: ReplayInput): Promise<number> {
  const now = deps.now();
  let query = deps.db
    .updateTable('deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, updated_at: now })
    .where('app_id', '=', input.appId)
    .where('integration_id', '=', input.integrationId);
  const { select } = input;
  if ('eventId' in select) {
    query = query.where('event_id', '=', select.eventId);
  } else {
    if (select.statuses.length === 0) {
      return 0;
    }
    query = query.where('status', 'in', select.statuses);
    if (select.from !== null) {
      query = query.where('created_at', '>=', select.from);
    }
    if (select.to !== null) {
      query = query.where('created_at', '<', select.to);
    }
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
