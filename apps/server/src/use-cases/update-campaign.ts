import { violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { findCampaign, type StoredCampaign } from '../queries/campaigns.js';
import { bumpPaywallsRevision } from './bump-paywalls-revision.js';
import { brokenVariants, replaceVariants } from './campaign-variants.js';
import type { CampaignInput } from './create-campaign.js';
import type { BrokenReference } from './paywall-references.js';

export type CampaignChanges = Partial<Omit<CampaignInput, 'template'>>;

export type UpdateCampaignResult =
  | { outcome: 'updated'; campaign: StoredCampaign }
  | { outcome: 'app_not_found' }
  | { outcome: 'campaign_not_found' }
  | { outcome: 'broken_references'; broken: BrokenReference[] }
  | { outcome: 'default_taken' }
  | { outcome: 'invalid'; field: string; message: string };

/**
 * Changes a campaign. New variant weights move as few users as can be between variants;
 * pausing keeps when it was paused first.
 */
export async function updateCampaign(
  deps: Deps,
  input: { orgId: string; appId: string; campaignId: string; changes: CampaignChanges },
): Promise<UpdateCampaignResult> {
  const { changes } = input;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const current = await findCampaign(trx, app.id, input.campaignId);
      if (!current) {
        return { outcome: 'campaign_not_found' } as const;
      }
      const merged = {
        isDefault: changes.isDefault ?? current.is_default,
        audience: changes.audience === undefined ? current.audience : changes.audience,
        startsAt: changes.startsAt === undefined ? current.starts_at : changes.startsAt,
        endsAt: changes.endsAt === undefined ? current.ends_at : changes.endsAt,
      };
      if (merged.isDefault && merged.audience !== null) {
        return {
          outcome: 'invalid',
          field: 'audience',
          message: 'A default campaign is for everyone: its audience must be null',
        } as const;
      }
      if (merged.startsAt && merged.endsAt && merged.endsAt <= merged.startsAt) {
        return { outcome: 'invalid', field: 'ends_at', message: 'A campaign must end after it starts' } as const;
      }
      let allocation = current.allocation;
      if (changes.variants) {
        const broken = await brokenVariants(trx, app.id, changes.variants);
        if (broken.length > 0) {
          return { outcome: 'broken_references', broken } as const;
        }
        allocation = await replaceVariants(
          trx,
          { appId: app.id, id: current.id },
          changes.variants,
          current.allocation,
        );
      }
      const now = deps.now();
      await trx
        .updateTable('campaigns')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.placement === undefined ? {} : { placement: changes.placement }),
          ...(changes.priority === undefined ? {} : { priority: changes.priority }),
          ...(changes.attributionWindowHours === undefined
            ? {}
            : { attribution_window_hours: changes.attributionWindowHours }),
          ...(changes.paused === undefined ? {} : { paused_at: changes.paused ? (current.paused_at ?? now) : null }),
          is_default: merged.isDefault,
          audience: merged.audience === null ? null : JSON.stringify(merged.audience),
          starts_at: merged.startsAt,
          ends_at: merged.endsAt,
          allocation: JSON.stringify(allocation),
          updated_at: now,
        })
        .where('app_id', '=', app.id)
        .where('id', '=', current.id)
        .execute();
      await bumpPaywallsRevision(trx, app.id);
      const updated = await findCampaign(trx, app.id, current.id);
      if (!updated) {
        throw new Error(`campaign ${current.id} vanished inside the transaction that updated it`);
      }
      return { outcome: 'updated', campaign: updated } as const;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'campaigns_one_default_key') {
      return { outcome: 'default_taken' };
    }
    throw error;
  }
}
