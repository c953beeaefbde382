import { violatedForeignKey } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';

export interface DeleteAppPlatformInput {
  orgId: string;
  appId: string;
  appPlatformId: string;
  /** Also delete the platform's product SKUs. */
  force: boolean;
}

export type DeleteAppPlatformResult =
  | { outcome: 'deleted' }
  | { outcome: 'app_not_found' }
  | { outcome: 'app_platform_not_found' }
  | { outcome: 'app_platform_in_use'; skuRefIds: string[] }
  | { outcome: 'app_platform_has_customers' }
  /** mParticle feeds send this platform's events: `force` does not delete them, an operator does. */
  | { outcome: 'app_platform_has_integrations'; integrationNames: string[] };

export async function deleteAppPlatform(deps: Deps, input: DeleteAppPlatformInput): Promise<DeleteAppPlatformResult> {
  try {
    return await deletePlatform(deps, input);
  } catch (error) {
    // A feed made for the platform while it was being deleted.
    if (violatedForeignKey(error) === 'integrations_app_id_app_platform_id_fkey') {
      return deletePlatform(deps, input);
    }
    throw error;
  }
}

function deletePlatform(deps: Deps, input: DeleteAppPlatformInput): Promise<DeleteAppPlatformResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' };
    }
    const platform = await trx
      .selectFrom('app_platforms')
      .select('id')
      .where('app_id', '=', app.id)
      .where('id', '=', input.appPlatformId)
      .forUpdate()
      .executeTakeFirst();
    if (!platform) {
      return { outcome: 'app_platform_not_found' };
    }
    // Customer data is never deleted as a side effect of tidying the catalog.
    const customerData = await trx
      .selectNoFrom((eb) => [
        eb
          .exists(
            eb
              .selectFrom('purchases')
              .select('id')
              .where('app_id', '=', app.id)
              .where('app_platform_id', '=', platform.id),
          )
          .as('purchases'),
        eb
          .exists(
            eb
              .selectFrom('devices')
              .select('id')
              .where('app_id', '=', app.id)
              .where('app_platform_id', '=', platform.id),
          )
          .as('devices'),
        eb
          .exists(
            eb
              .selectFrom('store_notifications')
              .select('id')
              .where('app_id', '=', app.id)
              .where('app_platform_id', '=', platform.id),
          )
          .as('notifications'),
      ])
      .executeTakeFirstOrThrow();
    if (Object.values(customerData).some(Boolean)) {
      return { outcome: 'app_platform_has_customers' };
    }
    const integrations = await trx
      .selectFrom('integrations')
      .select('name')
      .where('app_id', '=', app.id)
      .where('app_platform_id', '=', platform.id)
      .orderBy('id')
      .execute();
    if (integrations.length > 0) {
      return { outcome: 'app_platform_has_integrations', integrationNames: integrations.map((i) => i.name) };
    }
    const products = await trx
      .selectFrom('products')
      .select('sku_ref_id')
      .where('app_id', '=', app.id)
      .where('app_platform_id', '=', platform.id)
      .orderBy('sku_ref_id')
      .execute();
    if (products.length > 0 && !input.force) {
      return { outcome: 'app_platform_in_use', skuRefIds: products.map((p) => p.sku_ref_id) };
    }
    await trx.deleteFrom('products').where('app_id', '=', app.id).where('app_platform_id', '=', platform.id).execute();
    await trx.deleteFrom('app_platforms').where('app_id', '=', app.id).where('id', '=', platform.id).execute();
    return { outcome: 'deleted' };
  });
}
