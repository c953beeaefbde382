import type { App, Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import type { PageRequest } from './page.js';

/** The app, if it exists and belongs to the organization: another's app is as good as missing. */
export function findApp(db: Kysely<Database>, orgId: string, appId: string): Promise<App | undefined> {
  return db.selectFrom('apps').selectAll().where('org_id', '=', orgId).where('id', '=', appId).executeTakeFirst();
}

export function listApps(db: Kysely<Database>, orgId: string, page: PageRequest): Promise<App[]> {
  return db
    .selectFrom('apps')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '>', page.after)
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}
