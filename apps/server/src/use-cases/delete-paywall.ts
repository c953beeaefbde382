import { violatedForeignKey } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { campaignsShowing } from '../queries/paywalls.js';

export type DeletePaywallResult =
  | { outcome: 'deleted' }
  | { outcome: 'app_not_found' }
  | { outcome: 'paywall_not_found' }
  | { outcome: 'in_use'; campaigns: string[] };

/** Deletes a paywall and its versions; refused while a campaign shows it. */
export async function deletePaywall(
  deps: Deps,
  input: { orgId: string; appId: string; paywallId: string },
): Promise<DeletePaywallResult> {
  try {
    return await deletePaywallIn(deps, input);
  } catch (error) {
    // A campaign took it up between the check and the delete.
    if (violatedForeignKey(error) === 'campaign_variants_app_id_paywall_id_fkey') {
      return { outcome: 'in_use', campaigns: await campaignsShowing(deps.db, input.appId, input.paywallId) };
    }
    throw error;
  }
}

function deletePaywallIn(
  deps: Deps,
  input: { orgId: string; appId: string; paywallId: string },
): Promise<DeletePaywallResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    const campaigns = await campaignsShowing(trx, app.id, input.paywallId);
    if (campaigns.length > 0) {
      return { outcome: 'in_use', campaigns } as const;
    }
    const deleted = await trx
      .deleteFrom('paywalls')
      .where('app_id', '=', app.id)
      .where('id', '=', input.paywallId)
      .executeTakeFirst();
    return deleted.numDeletedRows === 0n
      ? ({ outcome: 'paywall_not_found' } as const)
      : ({ outcome: 'deleted' } as const);
  });
}
