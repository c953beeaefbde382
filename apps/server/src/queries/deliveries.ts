import type { Database, DeliveryStatusColumn } from '@tollgate/db';
import { type Kysely, sql } from 'kysely';
import type { PageRequest } from './page.js';

/** An integration's requests and test sends, newest first: its delivery log. */
export function listDeliveryAttempts(db: Kysely<Database>, appId: string, integrationId: string, page: PageRequest) {
  return db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('app_id', '=', appId)
    .where('integration_id', '=', integrationId)
    .where('id', '<', page.after)
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** An integration's deliveries, newest event first, optionally of one status. */
export async function listDeliveries(
  db: Kysely<Database>,
  appId: string,
  integrationId: string,
  filter: { status: DeliveryStatusColumn | undefined },
  page: PageRequest,
) {
  let query = db
    .selectFrom('deliveries')
    .innerJoin('events', (join) =>
      join.onRef('events.app_id', '=', 'deliveries.app_id').onRef('events.id', '=', 'deliveries.event_id'),
    )
    .select([
      'deliveries.event_id as id',
      'events.type as event_type',
      'events.user_id',
      'events.created_at as event_created_at',
      'deliveries.integration_id',
      'deliveries.status',
      'deliveries.attempts',
      'deliveries.next_attempt_at',
      'deliveries.last_attempt_at',
      'deliveries.last_error',
    ])
    .where('deliveries.app_id', '=', appId)
    .where('deliveries.integration_id', '=', integrationId)
    .where('deliveries.event_id', '<', page.after);
  if (filter.status !== undefined) {
    query = query.where('deliveries.status', '=', filter.status);
  }
  return query
    .orderBy('deliveries.event_id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

/**
 * Where one event went: its delivery to each integration, with the requests that carried it;
 * undefined when the app has no such event.
 */
export async function eventDeliveries(db: Kysely<Database>, appId: string, eventId: string) {
  const event = await db
    .selectFrom('events')
    .select('id')
    .where('app_id', '=', appId)
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) {
    return undefined;
  }
  const deliveries = await db
    .selectFrom('deliveries')
    .innerJoin('integrations', (join) =>
      join
        .onRef('integrations.app_id', '=', 'deliveries.app_id')
        .onRef('integrations.id', '=', 'deliveries.integration_id'),
    )
    .select([
      'deliveries.integration_id',
      'integrations.kind',
      'integrations.name',
      'deliveries.status',
      'deliveries.attempts',
      'deliveries.next_attempt_at',
      'deliveries.last_attempt_at',
      'deliveries.last_error',
    ])
    .where('deliveries.app_id', '=', appId)
    .where('deliveries.event_id', '=', eventId)
    .orderBy('integrations.id')
    .execute();
  const attempts = await db
    .selectFrom('delivery_attempts')
    .select(['id', 'integration_id', 'attempted_at', 'duration_ms', 'http_status', 'outcome', 'detail'])
    .where('app_id', '=', appId)
    .where(sql<boolean>`event_ids @> array[${eventId}]::uuid[]`)
    .orderBy('id')
    .execute();
  return deliveries.map((delivery) => ({
    ...delivery,
    requests: attempts.filter((attempt) => attempt.integration_id === delivery.integration_id),
  }));
}
