import type { PaywallContent } from '@tollgate/core';
import { anyOf, type Database } from '@tollgate/db';
import { type Kysely, sql } from 'kysely';
import type { PageRequest } from './page.js';

export interface StoredPaywall {
  app_id: string;
  id: string;
  name: string;
  draft: PaywallContent;
  published_version: number | null;
  /** The content of the published version; null until the first publish. */
  published: PaywallContent | null;
  /** The draft differs from what devices see (always, before the first publish). */
  has_unpublished_changes: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface StoredPaywallVersion {
  version: number;
  content: PaywallContent;
  restored_from: number | null;
  published_at: Date;
}

/** A paywall with its draft and what devices see now, in one statement. */
function paywalls(db: Kysely<Database>, appId: string) {
  return db
    .selectFrom('paywalls')
    .leftJoin('paywall_versions', (join) =>
      join
        .onRef('paywall_versions.app_id', '=', 'paywalls.app_id')
        .onRef('paywall_versions.paywall_id', '=', 'paywalls.id')
        .onRef('paywall_versions.version', '=', 'paywalls.published_version'),
    )
    .select([
      'paywalls.app_id',
      'paywalls.id',
      'paywalls.name',
      sql<PaywallContent>`paywalls.draft`.as('draft'),
      'paywalls.published_version',
      sql<PaywallContent | null>`paywall_versions.content`.as('published'),
      // jsonb compares values, whatever the key order.
      sql<boolean>`paywall_versions.content is distinct from paywalls.draft`.as('has_unpublished_changes'),
      'paywalls.created_at',
      'paywalls.updated_at',
    ])
    .where('paywalls.app_id', '=', appId);
}

export function findPaywall(db: Kysely<Database>, appId: string, id: string): Promise<StoredPaywall | undefined> {
  return paywalls(db, appId).where('paywalls.id', '=', id).executeTakeFirst();
}

export function listPaywalls(db: Kysely<Database>, appId: string, page: PageRequest): Promise<StoredPaywall[]> {
  return paywalls(db, appId)
    .where('paywalls.id', '>', page.after)
    .orderBy('paywalls.id')
    .limit(page.limit + 1)
    .execute();
}

/** Every published version, newest first: a paywall has tens of them, not thousands. */
export function listPaywallVersions(
  db: Kysely<Database>,
  appId: string,
  paywallId: string,
): Promise<StoredPaywallVersion[]> {
  return db
    .selectFrom('paywall_versions')
    .select(['version', sql<PaywallContent>`content`.as('content'), 'restored_from', 'published_at'])
    .where('app_id', '=', appId)
    .where('paywall_id', '=', paywallId)
    .orderBy('version', 'desc')
    .execute();
}

/** The published version of each of these paywalls; those never published are left out. */
export async function publishedPaywalls(
  db: Kysely<Database>,
  appId: string,
  paywallIds: readonly string[],
): Promise<Array<{ id: string; version: number; content: PaywallContent }>> {
  if (paywallIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('paywalls')
    .innerJoin('paywall_versions', (join) =>
      join
        .onRef('paywall_versions.app_id', '=', 'paywalls.app_id')
        .onRef('paywall_versions.paywall_id', '=', 'paywalls.id')
        .onRef('paywall_versions.version', '=', 'paywalls.published_version'),
    )
    .select(['paywalls.id', 'paywall_versions.version', sql<PaywallContent>`paywall_versions.content`.as('content')])
    .where('paywalls.app_id', '=', appId)
    .where(anyOf('paywalls.id', paywallIds))
    .execute();
}

/** The campaigns that show a paywall: it cannot be deleted while there are any. */
export async function campaignsShowing(db: Kysely<Database>, appId: string, paywallId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('campaign_variants')
    .innerJoin('campaigns', (join) =>
      join
        .onRef('campaigns.app_id', '=', 'campaign_variants.app_id')
        .onRef('campaigns.id', '=', 'campaign_variants.campaign_id'),
    )
    .select('campaigns.name')
    .distinct()
    .where('campaign_variants.app_id', '=', appId)
    .where('campaign_variants.paywall_id', '=', paywallId)
    .orderBy('campaigns.name')
    .execute();
  return rows.map((row) => row.name);
}
