import type { Allocation, Audience } from '@tollgate/core';
import type { Database } from '@tollgate/db';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';

interface StoredVariant {
  key: string;
  paywall_id: string;
  paywall_name: string;
  weight: number;
}

export interface StoredCampaign {
  app_id: string;
  id: string;
  name: string;
  placement: string;
  priority: number;
  is_default: boolean;
  paused_at: Date | null;
  starts_at: Date | null;
  ends_at: Date | null;
  audience: Audience | null;
  allocation: Allocation;
  attribution_window_hours: number;
  template: string | null;
  variants: StoredVariant[];
  created_at: Date;
  updated_at: Date;
}

/** A campaign's variants in the operator's order, with their paywall's name. */
function variants(eb: ExpressionBuilder<Database, 'campaigns'>) {
  return jsonArrayFrom(
    eb
      .selectFrom('campaign_variants')
      .innerJoin('paywalls', (join) =>
        join
          .onRef('paywalls.app_id', '=', 'campaign_variants.app_id')
          .onRef('paywalls.id', '=', 'campaign_variants.paywall_id'),
      )
      .select([
        'campaign_variants.key',
        'campaign_variants.paywall_id',
        'paywalls.name as paywall_name',
        'campaign_variants.weight',
      ])
      .whereRef('campaign_variants.app_id', '=', 'campaigns.app_id')
      .whereRef('campaign_variants.campaign_id', '=', 'campaigns.id')
      .orderBy('campaign_variants.position'),
  ).as('variants');
}

function campaigns(db: Kysely<Database>, appId: string) {
  return db
    .selectFrom('campaigns')
    .select([
      'campaigns.app_id',
      'campaigns.id',
      'campaigns.name',
      'campaigns.placement',
      'campaigns.priority',
      'campaigns.is_default',
      'campaigns.paused_at',
      'campaigns.starts_at',
      'campaigns.ends_at',
      sql<Audience | null>`campaigns.audience`.as('audience'),
      sql<Allocation>`campaigns.allocation`.as('allocation'),
      'campaigns.attribution_window_hours',
      'campaigns.template',
      'campaigns.created_at',
      'campaigns.updated_at',
    ])
    .select(variants)
    .where('campaigns.app_id', '=', appId);
}

export function findCampaign(db: Kysely<Database>, appId: string, id: string): Promise<StoredCampaign | undefined> {
  return campaigns(db, appId).where('campaigns.id', '=', id).executeTakeFirst();
}

/**
 * An app's campaigns as the placements consider them: by placement, then priority, the
 * default last. Apps have tens of campaigns, so the list is whole, not paged.
 */
export function listCampaigns(
  db: Kysely<Database>,
  appId: string,
  filter: { placement?: string | undefined },
): Promise<StoredCampaign[]> {
  return campaigns(db, appId)
    .$if(filter.placement !== undefined, (q) => q.where('campaigns.placement', '=', filter.placement ?? ''))
    .orderBy('campaigns.placement')
    .orderBy('campaigns.is_default')
    .orderBy('campaigns.priority')
    .orderBy('campaigns.id')
    .execute();
}
