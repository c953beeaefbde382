import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';

/** The organization the first start made: where commands on this machine act (seed, the local CLI key). */
export async function firstOrganizationId(db: Kysely<Database>): Promise<string> {
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirstOrThrow();
  return org.id;
}
