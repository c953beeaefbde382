import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { findCampaign, type StoredCampaign } from '../queries/campaigns.js';
import { bumpPaywallsRevision } from './bump-paywalls-revision.js';
import { brokenVariants, replaceVariants } from './campaign-variants.js';
import { type CampaignInput, campaignConflict } from './create-campaign.js';
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
      // Locked first: two edits at once apply one after the other, neither undoing the other.
      const locked = await trx
        .selectFrom('campaigns')
        .select('id')
        .where('app_id', '=', app.id)
        .where('id', '=', input.campaignId)
        .forUpdate()
        .executeTakeFirst();
      const current = locked && (await findCampaign(trx, app.id, locked.id));
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
    return campaignConflict(error);
  }
}
