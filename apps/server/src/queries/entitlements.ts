import type { Database, Entitlement } from '@tollgate/db';
import type { Kysely } from 'kysely';
import type { PageRequest } from './page.js';

export function findEntitlement(db: Kysely<Database>, appId: string, id: string): Promise<Entitlement | undefined> {
  return db.selectFrom('entitlements').selectAll().where('app_id', '=', appId).where('id', '=', id).executeTakeFirst();
}

export function listEntitlements(db: Kysely<Database>, appId: string, page: PageRequest): Promise<Entitlement[]> {
  return db
    .selectFrom('entitlements')
    .selectAll()
    .where('app_id', '=', appId)
    .where('id', '>', page.after)
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}
