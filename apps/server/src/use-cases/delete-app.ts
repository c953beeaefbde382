import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';

export interface DeleteAppInput {
  orgId: string;
  appId: string;
  /** Also delete the app's catalog: its platforms, entitlements, products, integrations, paywalls and campaigns. */
  force: boolean;
}

export type DeleteAppResult =
  | { outcome: 'deleted' }
  | { outcome: 'app_not_found' }
  | { outcome: 'app_not_empty'; appPlatforms: number; entitlements: number; paywalls: number; campaigns: number }
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
        eb.selectFrom('paywalls').where('app_id', '=', app.id).select(eb.fn.countAll<number>().as('n')).as('paywalls'),
        eb
          .selectFrom('campaigns')
          .where('app_id', '=', app.id)
          .select(eb.fn.countAll<number>().as('n'))
          .as('campaigns'),
      ])
      .executeTakeFirstOrThrow();
    const appPlatforms = Number(counts.appPlatforms ?? 0);
    const entitlements = Number(counts.entitlements ?? 0);
    const paywalls = Number(counts.paywalls ?? 0);
    const campaigns = Number(counts.campaigns ?? 0);
    if (!input.force && appPlatforms + entitlements + paywalls + campaigns > 0) {
      return { outcome: 'app_not_empty', appPlatforms, entitlements, paywalls, campaigns };
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
    // Children first: campaigns show paywalls; products refer to platforms and entitlements.
    await trx.deleteFrom('campaigns').where('app_id', '=', app.id).execute();
    await trx.deleteFrom('paywalls').where('app_id', '=', app.id).execute();
    await trx.deleteFrom('products').where('app_id', '=', app.id).execute();
    await trx.deleteFrom('entitlements').where('app_id', '=', app.id).execute();
    // An mParticle feed refers to its platform; with no customers, nothing was sent through it.
    await trx.deleteFrom('integrations').where('app_id', '=', app.id).execute();
    await trx.deleteFrom('app_platforms').where('app_id', '=', app.id).execute();
    await trx.deleteFrom('apps').where('id', '=', app.id).execute();
    return { outcome: 'deleted' };
  });
}
