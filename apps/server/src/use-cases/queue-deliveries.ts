import type { Database } from '@tollgate/db';
import { sql, type Transaction } from 'kysely';

/**
 * The outbox: a pending delivery for each of these events and each enabled integration that
 * wants it (its event types, and an mParticle feed's platform), in the caller's transaction,
 * so that an event and its way out are committed together or not at all.
 */
export async function queueDeliveries(trx: Transaction<Database>, appId: string, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) {
    return;
  }
  await sql`
    insert into deliveries (app_id, integration_id, event_id, status, next_attempt_at, created_at, updated_at)
    select events.app_id, integrations.id, events.id, 'pending', events.created_at, events.created_at, events.created_at
    from events
    join integrations on integrations.app_id = events.app_id and integrations.enabled
      and events.type = any (integrations.event_types)
      and (integrations.app_platform_id is null or integrations.app_platform_id = events.app_platform_id)
    where events.app_id = ${appId} and events.id = any(${eventIds}::uuid[])
  `.execute(trx);
}
