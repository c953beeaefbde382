import type { Audience } from '@tollgate/core';
import { violatedForeignKey, violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { findCampaign, type StoredCampaign } from '../queries/campaigns.js';
import { bumpPaywallsRevision } from './bump-paywalls-revision.js';
import { brokenVariants, replaceVariants, type VariantInput } from './campaign-variants.js';
import type { BrokenReference } from './paywall-references.js';

export interface CampaignInput {
  name: string;
  placement: string;
  /** Left out: after the placement's other campaigns. */
  priority?: number | undefined;
  isDefault: boolean;
  paused: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  audience: Audience | null;
  variants: VariantInput[];
  attributionWindowHours: number;
  template: string | null;
}

export type CreateCampaignResult =
  | { outcome: 'created'; campaign: StoredCampaign }
  | { outcome: 'app_not_found' }
  | { outcome: 'broken_references'; broken: BrokenReference[] }
  | { outcome: 'default_taken' };

export async function createCampaign(
  deps: Deps,
  input: { orgId: string; appId: string; campaign: CampaignInput },
): Promise<CreateCampaignResult> {
  const { campaign } = input;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const broken = await brokenVariants(trx, app.id, campaign.variants);
      if (broken.length > 0) {
        return { outcome: 'broken_references', broken } as const;
      }
      const priority = campaign.priority ?? (await nextPriority(trx, app.id, campaign.placement));
      const now = deps.now();
      const id = deps.newId();
      await trx
        .insertInto('campaigns')
        .values({
          app_id: app.id,
          id,
          name: campaign.name,
          placement: campaign.placement,
          priority,
          is_default: campaign.isDefault,
          paused_at: campaign.paused ? now : null,
          starts_at: campaign.startsAt,
          ends_at: campaign.endsAt,
          audience: campaign.audience === null ? null : JSON.stringify(campaign.audience),
          allocation: '[]',
          attribution_window_hours: campaign.attributionWindowHours,
          template: campaign.template,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const allocation = await replaceVariants(trx, { appId: app.id, id }, campaign.variants, null);
      await trx
        .updateTable('campaigns')
        .set({ allocation: JSON.stringify(allocation) })
        .where('app_id', '=', app.id)
        .where('id', '=', id)
        .execute();
      await bumpPaywallsRevision(trx, app.id);
      const created = await findCampaign(trx, app.id, id);
      if (!created) {
        throw new Error(`campaign ${id} vanished inside the transaction that created it`);
      }
      return { outcome: 'created', campaign: created } as const;
    });
  } catch (error) {
    return campaignConflict(error);
  }
}

/** What a concurrent change can still break after the checks: another default, a paywall deleted meanwhile. */
export function campaignConflict(
  error: unknown,
): { outcome: 'default_taken' } | { outcome: 'broken_references'; broken: BrokenReference[] } {
  if (violatedUniqueConstraint(error) === 'campaigns_one_default_key') {
    return { outcome: 'default_taken' };
  }
  if (violatedForeignKey(error) === 'campaign_variants_app_id_paywall_id_fkey') {
    return { outcome: 'broken_references', broken: [{ path: 'variants', message: 'A paywall was deleted meanwhile' }] };
  }
  throw error;
}

async function nextPriority(trx: Parameters<typeof findApp>[0], appId: string, placement: string): Promise<number> {
  const row = await trx
    .selectFrom('campaigns')
    .select((eb) => eb.fn.max('priority').as('last'))
    .where('app_id', '=', appId)
    .where('placement', '=', placement)
    .where('is_default', '=', false)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}
