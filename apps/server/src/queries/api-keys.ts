import type { ApiKey, Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import type { PageRequest } from './page.js';

export function listApiKeys(db: Kysely<Database>, orgId: string, page: PageRequest): Promise<ApiKey[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '>', page.after)
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}
