import type { Database } from '@tollgate/db';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../deps.js';

/** A user with no device yet: what a store notification for an unknown purchase creates. */
export async function createUser(trx: Transaction<Database>, deps: Deps, appId: string): Promise<string> {
  const now = deps.now();
  const id = deps.newId();
  await trx.insertInto('users').values({ app_id: appId, id, created_at: now, updated_at: now }).execute();
  return id;
}

const uuid = z.uuid();

/**
 * The user an app said a purchase is for (Apple appAccountToken, Google obfuscated
 * account id): a Tollgate user id, or the app's own external id.
 */
export async function userFromAppHint(
  trx: Transaction<Database>,
  appId: string,
  hint: string | null,
): Promise<string | null> {
  if (hint === null) {
    return null;
  }
  if (uuid.safeParse(hint).success) {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('app_id', '=', appId)
      .where('id', '=', hint)
      .executeTakeFirst();
    if (user) {
      return user.id;
    }
  }
  const external = await trx
    .selectFrom('external_ids')
    .select('user_id')
    .where('app_id', '=', appId)
    .where('key', '=', 'external_id')
    .where('value', '=', hint)
    .executeTakeFirst();
  return external?.user_id ?? null;
}

/** Links an identifier to a user; an identifier already linked keeps its user. */
export async function linkExternalId(
  trx: Transaction<Database>,
  deps: Deps,
  input: { appId: string; userId: string; key: string; type: string; value: string },
): Promise<void> {
  await trx
    .insertInto('external_ids')
    .values({
      app_id: input.appId,
      key: input.key,
      type: input.type,
      value: input.value,
      user_id: input.userId,
      created_at: deps.now(),
    })
    .onConflict((conflict) => conflict.columns(['app_id', 'key', 'value']).doNothing())
    .execute();
}

/** The user the app knows by this external id, made (with no device) if there is none yet. */
export async function userForExternalId(
  trx: Transaction<Database>,
  deps: Deps,
  appId: string,
  externalId: string,
): Promise<string> {
  const known = await trx
    .selectFrom('external_ids')
    .select('user_id')
    .where('app_id', '=', appId)
    .where('key', '=', 'external_id')
    .where('value', '=', externalId)
    .executeTakeFirst();
  if (known) {
    return known.user_id;
  }
  const userId = await createUser(trx, deps, appId);
  await linkExternalId(trx, deps, { appId, userId, key: 'external_id', type: 'external_id', value: externalId });
  // The summary column the customers list shows, and that tells logout the user is signed in.
  await trx
    .updateTable('users')
    .set({ external_id: externalId })
    .where('app_id', '=', appId)
    .where('id', '=', userId)
    .execute();
  return userId;
}
