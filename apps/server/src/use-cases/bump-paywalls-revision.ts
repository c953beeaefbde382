import type { Database } from '@tollgate/db';
import type { Transaction } from 'kysely';

/**
 * Tells every server that what the app's devices may be shown changed: a publish, a campaign
 * edit, a catalog edit. Servers compare the number with their cached copy.
 */
export async function bumpPaywallsRevision(trx: Transaction<Database>, appId: string): Promise<void> {
  await trx
    .updateTable('apps')
    .set((eb) => ({ paywalls_revision: eb('paywalls_revision', '+', 1) }))
    .where('id', '=', appId)
    .execute();
}
