import type { ProductType } from '@tollgate/core';
import { violatedForeignKey, violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { findProduct, type ProductWithGrants } from '../queries/products.js';
import { replaceGrants, unknownEntitlementPositions } from './grant-entitlements.js';

export interface CreateProductInput {
  orgId: string;
  appId: string;
  appPlatformId: string;
  skuRefId: string;
  name: string;
  type: ProductType;
  entitlementIds: string[];
}

export type CreateProductResult =
  | { outcome: 'created'; product: ProductWithGrants }
  | { outcome: 'app_not_found' }
  | { outcome: 'app_platform_not_found' }
  | { outcome: 'unknown_entitlements'; positions: number[] }
  | { outcome: 'sku_ref_id_taken' };

export async function createProduct(deps: Deps, input: CreateProductInput): Promise<CreateProductResult> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const platform = await trx
        .selectFrom('app_platforms')
        .select('id')
        .where('app_id', '=', app.id)
        .where('id', '=', input.appPlatformId)
        .executeTakeFirst();
      if (!platform) {
        return { outcome: 'app_platform_not_found' } as const;
      }
      const positions = await unknownEntitlementPositions(trx, app.id, input.entitlementIds);
      if (positions.length > 0) {
        return { outcome: 'unknown_entitlements', positions } as const;
      }
      const now = deps.now();
      const id = deps.newId();
      await trx
        .insertInto('products')
        .values({
          app_id: app.id,
          id,
          app_platform_id: platform.id,
          sku_ref_id: input.skuRefId,
          name: input.name,
          type: input.type,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await replaceGrants(trx, app.id, id, input.entitlementIds);
      const product = await findProduct(trx, app.id, id);
      if (!product) {
        throw new Error(`product ${id} vanished inside the transaction that created it`);
      }
      return { outcome: 'created', product } as const;
    });
  } catch (error) {
    return createProductConflict(error, input.entitlementIds);
  }
}

/** A concurrent change can still break a constraint after the checks above: say which. */
function createProductConflict(error: unknown, entitlementIds: string[]): CreateProductResult {
  if (violatedUniqueConstraint(error) === 'products_sku_ref_id_key') {
    return { outcome: 'sku_ref_id_taken' };
  }
  const foreignKey = violatedForeignKey(error);
  if (foreignKey === 'products_app_platform_fkey') {
    return { outcome: 'app_platform_not_found' };
  }
  if (foreignKey === 'product_entitlements_entitlement_fkey') {
    return { outcome: 'unknown_entitlements', positions: entitlementIds.map((_, position) => position) };
  }
  throw error;
}
