import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { skusGranting } from '../queries/products.js';

export interface DeleteEntitlementInput {
  orgId: string;
  appId: string;
  entitlementId: string;
  /** Also take the entitlement away from the SKUs that grant it. */
  force: boolean;
}

export type DeleteEntitlementResult =
  | { outcome: 'deleted' }
  | { outcome: 'app_not_found' }
  | { outcome: 'entitlement_not_found' }
  | { outcome: 'entitlement_in_use'; skuRefIds: string[] };

export function deleteEntitlement(deps: Deps, input: DeleteEntitlementInput): Promise<DeleteEntitlementResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' };
    }
    // The lock makes a product granting it in the meantime wait, then fail on the missing row.
    const entitlement = await trx
      .selectFrom('entitlements')
      .select('id')
      .where('app_id', '=', app.id)
      .where('id', '=', input.entitlementId)
      .forUpdate()
      .executeTakeFirst();
    if (!entitlement) {
      return { outcome: 'entitlement_not_found' };
    }
    const skuRefIds = await skusGranting(trx, app.id, entitlement.id);
    if (skuRefIds.length > 0 && !input.force) {
      return { outcome: 'entitlement_in_use', skuRefIds };
    }
    await trx
      .deleteFrom('product_entitlements')
      .where('app_id', '=', app.id)
      .where('entitlement_id', '=', entitlement.id)
      .execute();
    await trx.deleteFrom('entitlements').where('app_id', '=', app.id).where('id', '=', entitlement.id).execute();
    return { outcome: 'deleted' };
  });
}
