import { PRODUCT_TYPES } from '@tollgate/core';
import { z } from 'zod';
import type { ProductWithGrants } from '../../../queries/products.js';
import { displayName, id, refId, timestamp } from '../../schemas.js';

export const productSchema = z
  .object({
    id,
    app_id: id,
    app_platform_id: id,
    sku_ref_id: z.string().describe("The store's product id: unique per app platform"),
    name: z.string(),
    type: z.enum(PRODUCT_TYPES),
    entitlements: z
      .array(z.object({ id, entitlement_ref_id: z.string(), name: z.string() }))
      .describe('What buying this SKU grants'),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Product' });

const entitlementIds = z
  .array(id)
  .max(100)
  .describe('The ids of the entitlements this SKU grants (a repeated id counts once)');

export const productInput = z.strictObject({
  app_platform_id: id.describe('The app platform (and so the store) this SKU is sold on'),
  sku_ref_id: refId,
  name: displayName,
  type: z.enum(PRODUCT_TYPES),
  entitlement_ids: entitlementIds.default([]),
});

/** The app platform is fixed at creation: the SKU exists in that store only. */
export const productChanges = z
  .strictObject({
    sku_ref_id: refId,
    name: displayName,
    type: z.enum(PRODUCT_TYPES),
    entitlement_ids: entitlementIds,
  })
  .partial();

export const productParams = z.strictObject({ appId: id, productId: id });

export function presentProduct(product: ProductWithGrants): z.infer<typeof productSchema> {
  return {
    id: product.id,
    app_id: product.app_id,
    app_platform_id: product.app_platform_id,
    sku_ref_id: product.sku_ref_id,
    name: product.name,
    type: product.type,
    entitlements: product.entitlements,
    created_at: product.created_at.toISOString(),
    updated_at: product.updated_at.toISOString(),
  };
}
