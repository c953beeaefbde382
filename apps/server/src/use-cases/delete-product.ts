import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { bumpPaywallsRevision } from './bump-paywalls-revision.js';

export interface DeleteProductInput {
  orgId: string;
  appId: string;
  productId: string;
}

export type DeleteProductResult =
  | { outcome: 'deleted' }
  | { outcome: 'app_not_found' }
  | { outcome: 'product_not_found' };

export function deleteProduct(deps: Deps, input: DeleteProductInput): Promise<DeleteProductResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' };
    }
    // Its grants go with it (ON DELETE CASCADE).
    const deleted = await trx
      .deleteFrom('products')
      .where('app_id', '=', app.id)
      .where('id', '=', input.productId)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) {
      return { outcome: 'product_not_found' };
    }
    // Paywalls that offered it stop offering it.
    await bumpPaywallsRevision(trx, app.id);
    return { outcome: 'deleted' };
  });
}
