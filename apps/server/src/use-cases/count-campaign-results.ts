import type { Database } from '@tollgate/db';
import { sql, type Transaction } from 'kysely';
import type { EventToRecord } from './record-events.js';

/** The longest attribution window a campaign may have (720 hours). */
const LONGEST_WINDOW_MS = 720 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Impression {
  campaign_id: string | null;
  variant: string | null;
  occurred_at: string;
}

interface Conversion {
  kind: 'trial' | 'purchase';
  at: Date;
  usdMicros: number;
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Keeps each campaign's results current as events are written, in their transaction: an
 * impression counts for its campaign and variant; a purchase or a trial counts for the
 * user's last impression within that campaign's attribution window. Reading results then
 * sums a few rows per day instead of scanning history.
 */
export async function countCampaignResults(
  trx: Transaction<Database>,
  user: { appId: string; userId: string },
  events: readonly EventToRecord[],
  at: Date,
): Promise<void> {
  for (const event of events) {
    if (event.type === 'device.impression') {
      await countImpression(trx, user, event.fields.impression as Impression);
    }
  }
  for (const conversion of conversionsOf(events, at)) {
    await countConversion(trx, user, conversion);
  }
}

/** A trial start is a trial; a new purchase that is not a trial is a purchase, with its revenue. */
function conversionsOf(events: readonly EventToRecord[], at: Date): Conversion[] {
  const trials = new Set(
    events.filter((event) => event.type === 'user.journey.trial.started').map((event) => event.purchaseId ?? ''),
  );
  return events.flatMap((event): Conversion[] => {
    const transaction = event.fields.transaction as { usd_micros: number; occurred_at: string } | null | undefined;
    const when = transaction ? new Date(transaction.occurred_at) : at;
    if (event.type === 'user.journey.trial.started') {
      return [{ kind: 'trial', at: when, usdMicros: 0 }];
    }
    if (event.type === 'user.subscription.purchased' && !trials.has(event.purchaseId ?? '')) {
      return [{ kind: 'purchase', at: when, usdMicros: transaction?.usd_micros ?? 0 }];
    }
    return [];
  });
}

async function countImpression(
  trx: Transaction<Database>,
  user: { appId: string; userId: string },
  impression: Impression,
) {
  const { campaign_id: campaignId, variant } = impression;
  if (campaignId === null || variant === null || !UUID.test(campaignId)) {
    return;
  }
  const campaign = await trx
    .selectFrom('campaigns')
    .select('id')
    .where('app_id', '=', user.appId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (!campaign) {
    // A campaign the SDK named that does not exist (or was deleted): nothing to count for.
    return;
  }
  const key = { app_id: user.appId, campaign_id: campaign.id, variant, day: dayOf(new Date(impression.occurred_at)) };
  await trx
    .insertInto('campaign_results')
    .values({ ...key, impressions: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['app_id', 'campaign_id', 'variant', 'day'])
        .doUpdateSet((eb) => ({ impressions: eb('campaign_results.impressions', '+', 1) })),
    )
    .execute();
  await trx
    .insertInto('campaign_viewers')
    .values({ ...key, user_id: user.userId })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

async function countConversion(
  trx: Transaction<Database>,
  user: { appId: string; userId: string },
  conversion: Conversion,
) {
  const attributed = await trx
    .selectFrom('impressions')
    .innerJoin('campaigns', (join) =>
      join
        .onRef('campaigns.app_id', '=', 'impressions.app_id')
        .on(sql`campaigns.id::text`, '=', sql.ref('impressions.campaign_id')),
    )
    .select(['campaigns.id as campaign_id', 'impressions.variant'])
    .where('impressions.app_id', '=', user.appId)
    .where('impressions.user_id', '=', user.userId)
    .where('impressions.campaign_id', 'is not', null)
    .where('impressions.variant', 'is not', null)
    .where('impressions.occurred_at', '<=', conversion.at)
    .where('impressions.occurred_at', '>', new Date(conversion.at.getTime() - LONGEST_WINDOW_MS))
    .where(
      sql<boolean>`impressions.occurred_at > ${conversion.at}::timestamptz - make_interval(hours => campaigns.attribution_window_hours)`,
    )
    .orderBy('impressions.occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!attributed?.variant) {
    return;
  }
  const purchase = conversion.kind === 'purchase';
  await trx
    .insertInto('campaign_results')
    .values({
      app_id: user.appId,
      campaign_id: attributed.campaign_id,
      variant: attributed.variant,
      day: dayOf(conversion.at),
      purchases: purchase ? 1 : 0,
      trials: purchase ? 0 : 1,
      revenue_usd_micros: conversion.usdMicros,
    })
    .onConflict((conflict) =>
      conflict.columns(['app_id', 'campaign_id', 'variant', 'day']).doUpdateSet((eb) => ({
        purchases: eb('campaign_results.purchases', '+', purchase ? 1 : 0),
        trials: eb('campaign_results.trials', '+', purchase ? 0 : 1),
        revenue_usd_micros: eb('campaign_results.revenue_usd_micros', '+', conversion.usdMicros),
      })),
    )
    .execute();
}
