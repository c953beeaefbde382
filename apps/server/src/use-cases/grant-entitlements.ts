import type { Database } from '@tollgate/db';
import type { Transaction } from 'kysely';

/**
 * Checks that every id names an entitlement of the app; returns the positions of those
 * that do not, so that the caller can point at `entitlement_ids[i]`.
 */
export async function unknownEntitlementPositions(
  trx: Transaction<Database>,
  appId: string,
  entitlementIds: readonly string[],
): Promise<number[]> {
  if (entitlementIds.length === 0) {
    return [];
  }
  const found = await trx
    .selectFrom('entitlements')
    .select('id')
    .where('app_id', '=', appId)
    .where('id', 'in', entitlementIds)
    .execute();
  const known = new Set(found.map((row) => row.id));
  return entitlementIds.flatMap((id, position) => (known.has(id) ? [] : [position]));
}

/** Makes the product grant exactly these entitlements. */
export async function replaceGrants(
  trx: Transaction<Database>,
  appId: string,
  productId: string,
  entitlementIds: readonly string[],
): Promise<void> {
  await trx
    .deleteFrom('product_entitlements')
    .where('app_id', '=', appId)
    .where('product_id', '=', productId)
    .execute();
  const unique = [...new Set(entitlementIds)];
  if (unique.length > 0) {
    await trx
      .insertInto('product_entitlements')
      .values(unique.map((entitlementId) => ({ app_id: appId, product_id: productId, entitlement_id: entitlementId })))
      .execute();
  }
}
