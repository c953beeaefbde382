import { Problem } from '../../problem.js';

export function productNotFound(productId: string): Problem {
  return new Problem(404, 'product_not_found', `The app has no product SKU ${productId}`);
}

export function skuRefIdTaken(): Problem {
  return new Problem(409, 'sku_ref_id_taken', 'The app platform already has a product SKU with this sku_ref_id', [
    { location: 'body', field: 'sku_ref_id', message: 'Already used by another SKU of this app platform' },
  ]);
}

export function unknownEntitlements(positions: number[]): Problem {
  return new Problem(
    422,
    'unknown_entitlement',
    'Some entitlement_ids name no entitlement of this app',
    positions.map((position) => ({
      location: 'body' as const,
      field: `entitlement_ids.${position}`,
      message: 'No entitlement of this app has this id',
    })),
  );
}

export function unknownAppPlatform(): Problem {
  return new Problem(422, 'unknown_app_platform', 'app_platform_id names no platform of this app', [
    { location: 'body', field: 'app_platform_id', message: 'No app platform of this app has this id' },
  ]);
}
