import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { listCampaigns, type StoredCampaign } from '../queries/campaigns.js';
import { bumpPaywallsRevision } from './bump-paywalls-revision.js';

export type ReorderPlacementResult =
  | { outcome: 'reordered'; campaigns: StoredCampaign[] }
  | { outcome: 'app_not_found' }
  | { outcome: 'not_the_placements_campaigns'; missing: string[]; unknown: string[] };

/**
 * Sets the order a placement considers its campaigns in (what the Control Center's
 * drag-and-drop sends): the list must name each of its campaigns but the default once.
 */
export async function reorderPlacement(
  deps: Deps,
  input: { orgId: string; appId: string; placement: string; campaignIds: string[] },
): Promise<ReorderPlacementResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    const ordered = (await listCampaigns(trx, app.id, { placement: input.placement })).filter((c) => !c.is_default);
    const known = new Set(ordered.map((campaign) => campaign.id));
    const named = new Set(input.campaignIds);
    const missing = [...known].filter((id) => !named.has(id));
    const unknown = input.campaignIds.filter((id) => !known.has(id));
    if (missing.length > 0 || unknown.length > 0 || named.size !== input.campaignIds.length) {
      return { outcome: 'not_the_placements_campaigns', missing, unknown } as const;
    }
    const now = deps.now();
    for (const [priority, id] of input.campaignIds.entries()) {
      await trx
        .updateTable('campaigns')
        .set({ priority, updated_at: now })
        .where('app_id', '=', app.id)
        .where('id', '=', id)
        .execute();
    }
    await bumpPaywallsRevision(trx, app.id);
    return {
      outcome: 'reordered',
      campaigns: await listCampaigns(trx, app.id, { placement: input.placement }),
    } as const;
  });
}
