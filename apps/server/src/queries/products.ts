import type { Database, Product } from '@tollgate/db';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { PageRequest } from './page.js';

interface GrantedEntitlement {
  id: string;
  entitlement_ref_id: string;
  name: string;
}

export interface ProductWithGrants extends Product {
  entitlements: GrantedEntitlement[];
}

/** The entitlements a product grants, in one subquery, ordered by their reference id. */
function grants(eb: ExpressionBuilder<Database, 'products'>) {
  return jsonArrayFrom(
    eb
      .selectFrom('product_entitlements')
      .innerJoin('entitlements', (join) =>
        join
          .onRef('entitlements.app_id', '=', 'product_entitlements.app_id')
          .onRef('entitlements.id', '=', 'product_entitlements.entitlement_id'),
      )
      .select(['entitlements.id', 'entitlements.entitlement_ref_id', 'entitlements.name'])
      .whereRef('product_entitlements.app_id', '=', 'products.app_id')
      .whereRef('product_entitlements.product_id', '=', 'products.id')
      .orderBy('entitlements.entitlement_ref_id'),
  ).as('entitlements');
}

export function findProduct(db: Kysely<Database>, appId: string, id: string): Promise<ProductWithGrants | undefined> {
  return db
    .selectFrom('products')
    .selectAll('products')
    .select(grants)
    .where('products.app_id', '=', appId)
    .where('products.id', '=', id)
    .executeTakeFirst();
}

export function listProducts(
  db: Kysely<Database>,
  appId: string,
  filter: { appPlatformId?: string | undefined },
  page: PageRequest,
): Promise<ProductWithGrants[]> {
  return db
    .selectFrom('products')
    .selectAll('products')
    .select(grants)
    .where('products.app_id', '=', appId)
    .$if(filter.appPlatformId !== undefined, (q) =>
      q.where('products.app_platform_id', '=', filter.appPlatformId ?? ''),
    )
    .where('products.id', '>', page.after)
    .orderBy('products.id')
    .limit(page.limit + 1)
    .execute();
}

/** The SKUs that grant an entitlement: what an operator must know before deleting it. */
export async function skusGranting(db: Kysely<Database>, appId: string, entitlementId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('product_entitlements')
    .innerJoin('products', (join) =>
      join
        .onRef('products.app_id', '=', 'product_entitlements.app_id')
        .onRef('products.id', '=', 'product_entitlements.product_id'),
    )
    .select('products.sku_ref_id')
    .where('product_entitlements.app_id', '=', appId)
    .where('product_entitlements.entitlement_id', '=', entitlementId)
    .orderBy('products.sku_ref_id')
    .execute();
  return rows.map((row) => row.sku_ref_id);
}
