import type { CampaignRule, PaywallContent, ProductType } from '@tollgate/core';
import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import { listCampaigns } from '../queries/campaigns.js';
import { publishedPaywalls } from '../queries/paywalls.js';

export interface OfferedProduct {
  id: string;
  app_platform_id: string;
  sku_ref_id: string;
  name: string;
  type: ProductType;
}

/** Everything an app's placements can show, as of one revision: what resolving a placement reads. */
export interface AppOffers {
  revision: number;
  rules: CampaignRule[];
  /** Campaign id → its name and the paywall of each variant. */
  campaigns: Map<string, { name: string; variants: Map<string, string> }>;
  /** Paywall id → its published version; paywalls never published are left out. */
  paywalls: Map<string, { version: number; content: PaywallContent }>;
  products: Map<string, OfferedProduct>;
}

/** Reads an app's campaigns, their published paywalls and the SKUs those offer, in three statements. */
async function loadOffers(db: Kysely<Database>, appId: string, revision: number): Promise<AppOffers> {
  const campaigns = await listCampaigns(db, appId, {});
  const paywallIds = [...new Set(campaigns.flatMap((campaign) => campaign.variants.map((v) => v.paywall_id)))];
  const published = await publishedPaywalls(db, appId, paywallIds);
  const products = await db
    .selectFrom('products')
    .select(['id', 'app_platform_id', 'sku_ref_id', 'name', 'type'])
    .where('app_id', '=', appId)
    .execute();
  return {
    revision,
    rules: campaigns.map((campaign) => ({
      id: campaign.id,
      name: campaign.name,
      placement: campaign.placement,
      priority: campaign.priority,
      isDefault: campaign.is_default,
      paused: campaign.paused_at !== null,
      startsAt: campaign.starts_at,
      endsAt: campaign.ends_at,
      audience: campaign.audience,
      allocation: campaign.allocation,
    })),
    campaigns: new Map(
      campaigns.map((campaign) => [
        campaign.id,
        { name: campaign.name, variants: new Map(campaign.variants.map((v) => [v.key, v.paywall_id])) },
      ]),
    ),
    paywalls: new Map(published.map((row) => [row.id, { version: row.version, content: row.content }])),
    products: new Map(products.map((product) => [product.id, product])),
  };
}

/**
 * Each app's offers, kept in memory and read again only when the app's revision (read in the
 * same statement as the device's facts) says they changed: a publish or a campaign edit is
 * seen by the very next request, on every server.
 */
export function offerCache(db: Kysely<Database>) {
  const cached = new Map<string, Promise<AppOffers>>();
  return async function offersOf(appId: string, revision: number): Promise<AppOffers> {
    const current = cached.get(appId);
    if (current && (await current).revision >= revision) {
      return current;
    }
    const loading = loadOffers(db, appId, revision);
    cached.set(appId, loading);
    loading.catch(() => {
      if (cached.get(appId) === loading) {
        cached.delete(appId);
      }
    });
    return loading;
  };
}
