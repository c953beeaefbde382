import type { Database, IntegrationsTable } from '@tollgate/db';
import type { Kysely, Selectable } from 'kysely';
import type { PageRequest } from './page.js';

export type Integration = Selectable<IntegrationsTable>;

/** The integration, if its app belongs to the organization: another's is as good as missing. */
export function findIntegration(
  db: Kysely<Database>,
  orgId: string,
  appId: string,
  integrationId: string,
): Promise<Integration | undefined> {
  return db
    .selectFrom('integrations')
    .innerJoin('apps', 'apps.id', 'integrations.app_id')
    .selectAll('integrations')
    .where('apps.org_id', '=', orgId)
    .where('integrations.app_id', '=', appId)
    .where('integrations.id', '=', integrationId)
    .executeTakeFirst();
}

/** An app's integrations, oldest first; the caller has checked that the app is the organization's. */
export function listIntegrations(db: Kysely<Database>, appId: string, page: PageRequest): Promise<Integration[]> {
  return db
    .selectFrom('integrations')
    .selectAll()
    .where('app_id', '=', appId)
    .where('id', '>', page.after)
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}
