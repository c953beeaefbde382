import type { AppPlatform, Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import type { PageRequest } from './page.js';

export function findAppPlatform(db: Kysely<Database>, appId: string, id: string): Promise<AppPlatform | undefined> {
  return db.selectFrom('app_platforms').selectAll().where('app_id', '=', appId).where('id', '=', id).executeTakeFirst();
}

export function listAppPlatforms(db: Kysely<Database>, appId: string, page: PageRequest): Promise<AppPlatform[]> {
  return db
    .selectFrom('app_platforms')
    .selectAll()
    .where('app_id', '=', appId)
    .where('id', '>', page.after)
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

/** An app platform by id alone, as store notifications address it; only if it sells through that store. */
export function findStorePlatform(
  db: Kysely<Database>,
  appPlatformId: string,
  store: AppPlatform['store'],
): Promise<AppPlatform | undefined> {
  return db
    .selectFrom('app_platforms')
    .selectAll()
    .where('id', '=', appPlatformId)
    .where('store', '=', store)
    .executeTakeFirst();
}
