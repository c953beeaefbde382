import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { bumpPaywallsRevision } from './bump-paywalls-revision.js';

export type DeleteCampaignResult =
  | { outcome: 'deleted' }
  | { outcome: 'app_not_found' }
  | { outcome: 'campaign_not_found' };

/** Deletes a campaign with its variants and results; devices stop being shown it at once. */
export async function deleteCampaign(
  deps: Deps,
  input: { orgId: string; appId: string; campaignId: string },
): Promise<DeleteCampaignResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    const deleted = await trx
      .deleteFrom('campaigns')
      .where('app_id', '=', app.id)
      .where('id', '=', input.campaignId)
      .executeTakeFirst();
    if (deleted.numDeletedRows === 0n) {
      return { outcome: 'campaign_not_found' } as const;
    }
    await bumpPaywallsRevision(trx, app.id);
    return { outcome: 'deleted' } as const;
  });
}
