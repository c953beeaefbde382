import type { ProductType } from '@tollgate/core';
import { violatedForeignKey, violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { findProduct, type ProductWithGrants } from '../queries/products.js';
import { bumpPaywallsRevision } from './bump-paywalls-revision.js';
import { replaceGrants, unknownEntitlementPositions } from './grant-entitlements.js';

export interface UpdateProductInput {
  orgId: string;
  appId: string;
  productId: string;
  changes: {
    sku_ref_id?: string | undefined;
    name?: string | undefined;
    type?: ProductType | undefined;
    /** When given, the full set of entitlements the product grants from now on. */
    entitlement_ids?: string[] | undefined;
  };
}

export type UpdateProductResult =
  | { outcome: 'updated'; product: ProductWithGrants }
  | { outcome: 'app_not_found' }
  | { outcome: 'product_not_found' }
  | { outcome: 'unknown_entitlements'; positions: number[] }
  | { outcome: 'sku_ref_id_taken' };

export async function updateProduct(deps: Deps, input: UpdateProductInput): Promise<UpdateProductResult> {
  const { entitlement_ids: entitlementIds, ...columns } = input.changes;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      if (entitlementIds !== undefined) {
        const positions = await unknownEntitlementPositions(trx, app.id, entitlementIds);
        if (positions.length > 0) {
          return { outcome: 'unknown_entitlements', positions } as const;
        }
      }
      const updated = await trx
        .updateTable('products')
        .set({ ...columns, updated_at: deps.now() })
        .where('app_id', '=', app.id)
        .where('id', '=', input.productId)
        .returning('id')
        .executeTakeFirst();
      if (!updated) {
        return { outcome: 'product_not_found' } as const;
      }
      if (entitlementIds !== undefined) {
        await replaceGrants(trx, app.id, updated.id, entitlementIds);
      }
      // Paywalls show the SKU's name and store id.
      await bumpPaywallsRevision(trx, app.id);
      const product = await findProduct(trx, app.id, updated.id);
      if (!product) {
        throw new Error(`product ${updated.id} vanished inside the transaction that updated it`);
      }
      return { outcome: 'updated', product } as const;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'products_sku_ref_id_key') {
      return { outcome: 'sku_ref_id_taken' };
    }
    if (violatedForeignKey(error) === 'product_entitlements_entitlement_fkey') {
      return { outcome: 'unknown_entitlements', positions: (entitlementIds ?? []).map((_, position) => position) };
    }
    throw error;
  }
}
