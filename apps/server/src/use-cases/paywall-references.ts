import type { PaywallContent } from '@tollgate/core';
import { anyOf, type Database } from '@tollgate/db';
import type { Kysely } from 'kysely';

/** A reference in paywall content to something the app does not have, by its path in the content. */
export interface BrokenReference {
  path: string;
  message: string;
}

/**
 * What content names must exist in the app: each platform's products on that platform, and
 * each image. Checked on save, and again on publish, since a SKU can be deleted in between.
 */
export async function brokenReferences(
  db: Kysely<Database>,
  appId: string,
  content: PaywallContent,
): Promise<BrokenReference[]> {
  const productIds = content.products.flatMap((offer) => offer.product_ids);
  const imageIds = Object.values(content.images);
  const platforms =
    content.products.length === 0
      ? []
      : await db.selectFrom('app_platforms').select('id').where('app_id', '=', appId).execute();
  const products =
    productIds.length === 0
      ? []
      : await db
          .selectFrom('products')
          .select(['id', 'app_platform_id'])
          .where('app_id', '=', appId)
          .where(anyOf('id', productIds))
          .execute();
  const images =
    imageIds.length === 0
      ? []
      : await db
          .selectFrom('paywall_images')
          .select('id')
          .where('app_id', '=', appId)
          .where(anyOf('id', imageIds))
          .execute();
  const platformIds = new Set(platforms.map((row) => row.id));
  const platformOfProduct = new Map(products.map((row) => [row.id, row.app_platform_id]));
  const knownImages = new Set(images.map((row) => row.id));

  const broken: BrokenReference[] = [];
  content.products.forEach((offer, position) => {
    if (!platformIds.has(offer.app_platform_id)) {
      broken.push({ path: `products.${position}.app_platform_id`, message: 'No app platform of this app has this id' });
      return;
    }
    offer.product_ids.forEach((productId, index) => {
      const platform = platformOfProduct.get(productId);
      if (platform === undefined) {
        broken.push({
          path: `products.${position}.product_ids.${index}`,
          message: 'No product SKU of this app has this id',
        });
      } else if (platform !== offer.app_platform_id) {
        broken.push({
          path: `products.${position}.product_ids.${index}`,
          message: 'This SKU is sold on another app platform',
        });
      }
    });
  });
  for (const [slot, imageId] of Object.entries(content.images)) {
    if (!knownImages.has(imageId)) {
      broken.push({ path: `images.${slot}`, message: 'No uploaded image of this app has this id' });
    }
  }
  return broken;
}
