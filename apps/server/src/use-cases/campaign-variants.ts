import { type Allocation, allocate } from '@tollgate/core';
import { anyOf, type Database } from '@tollgate/db';
import type { Kysely, Transaction } from 'kysely';
import type { BrokenReference } from './paywall-references.js';

export interface VariantInput {
  key: string;
  paywallId: string;
  weight: number;
}

/** Variants must show paywalls of the app that devices can already see. */
export async function brokenVariants(
  db: Kysely<Database>,
  appId: string,
  variants: readonly VariantInput[],
): Promise<BrokenReference[]> {
  const paywalls = await db
    .selectFrom('paywalls')
    .select(['id', 'published_version'])
    .where('app_id', '=', appId)
    .where(
      anyOf(
        'id',
        variants.map((variant) => variant.paywallId),
      ),
    )
    .execute();
  const published = new Map(paywalls.map((row) => [row.id, row.published_version !== null]));
  return variants.flatMap((variant, position) => {
    const isPublished = published.get(variant.paywallId);
    if (isPublished === undefined) {
      return [{ path: `variants.${position}.paywall_id`, message: 'No paywall of this app has this id' }];
    }
    return isPublished
      ? []
      : [
          {
            path: `variants.${position}.paywall_id`,
            message: 'The paywall has never been published: publish it first',
          },
        ];
  });
}

/** Replaces the campaign's variants, and hands the buckets over moving as few users as can be. */
export async function replaceVariants(
  trx: Transaction<Database>,
  campaign: { appId: string; id: string },
  variants: readonly VariantInput[],
  previous: Allocation | null,
): Promise<Allocation> {
  await trx
    .deleteFrom('campaign_variants')
    .where('app_id', '=', campaign.appId)
    .where('campaign_id', '=', campaign.id)
    .execute();
  await trx
    .insertInto('campaign_variants')
    .values(
      variants.map((variant, position) => ({
        app_id: campaign.appId,
        campaign_id: campaign.id,
        key: variant.key,
        paywall_id: variant.paywallId,
        weight: variant.weight,
        position,
      })),
    )
    .execute();
  return allocate(
    variants.map(({ key, weight }) => ({ key, weight })),
    previous,
  );
}
