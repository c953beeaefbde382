import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';

export interface DeleteAppInput {
  orgId: string;
  appId: string;
  /** Also delete the app's catalog: its platforms, entitlements, products and integrations. */
  force: boolean;
}

export type DeleteAppResult =
  | { outcome: 'deleted' }
  | { outcome: 'app_not_found' }
  | { outcome: 'app_not_empty'; appPlatforms: number; entitlements: number }
  | { outcome: 'app_has_customers' };

export function deleteApp(deps: Deps, input: DeleteAppInput): Promise<DeleteAppResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' };
    }
    const counts = await trx
      .selectNoFrom((eb) => [
        eb
          .selectFrom('app_platforms')
          .where('app_id', '=', app.id)
          .select(eb.fn.countAll<number>().as('n'))
          .as('appPlatforms'),
        eb
          .selectFrom('entitlements')
          .where('app_id', '=', app.id)
          .select(eb.fn.countAll<number>().as('n'))
          .as('entitlements'),
      ])
      .executeTakeFirstOrThrow();
    const appPlatforms = Number(counts.appPlatforms ?? 0);
    const entitlements = Number(counts.entitlements ?? 0);
    if (!input.force && appPlatforms + entitlements > 0) {
      return { outcome: 'app_not_empty', appPlatforms, entitlements };
    }
    // Customer data is never deleted as a side effect of tidying the catalog.
    const customers = await trx
      .selectFrom('users')
      .select('id')
      .where('app_id', '=', app.id)
      .limit(1)
      .executeTakeFirst();
    if (customers) {
      return { outcome: 'app_has_customers' };
    }
    // Children first: products refer to platforms and entitlements, which refer to the app.
    await trx.deleteFrom('products').where('app_id', '=', app.id).execute();
    await trx.deleteFrom('entitlements').where('app_id', '=', app.id).execute();
    // An mParticle feed refers to its platform; with no customers, nothing was sent through it.
    await trx.deleteFrom('integrations').where('app_id', '=', app.id).execute();
    await trx.deleteFrom('app_platforms').where('app_id', '=', app.id).execute();
    await trx.deleteFrom('apps').where('id', '=', app.id).execute();
    return { outcome: 'deleted' };
  });
}
