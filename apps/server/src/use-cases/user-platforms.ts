import type { Database } from '@tollgate/db';
import { sql, type Transaction } from 'kysely';

/** Keeps users.platforms (the stores of the user's devices) true after devices came or went. */
export async function refreshUserPlatforms(
  trx: Transaction<Database>,
  appId: string,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) {
    return;
  }
  await trx
    .updateTable('users')
    .set({
      platforms: sql`coalesce((
        select array_agg(distinct p.store order by p.store)
        from devices d join app_platforms p on p.app_id = d.app_id and p.id = d.app_platform_id
        where d.app_id = users.app_id and d.user_id = users.id
      ), '{}')`,
    })
    .where('app_id', '=', appId)
    .where('id', 'in', userIds)
    .execute();
}
