import type { Database } from '@tollgate/db';
import { sql, type Transaction } from 'kysely';
import type { EventToRecord } from './record-events.js';

/** The longest attribution window a campaign may have (720 hours). */
const LONGEST_WINDOW_MS = 720 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A campaign and variant as a device names them: checked against the app's campaigns before counting. */
export interface Attribution {
  id: string;
  variant: string;
}

interface Impression {
  campaign_id: string | null;
  variant: string | null;
  occurred_at: string;
}

interface PurchaseFields {
  purchased_at: string;
  period_start: string | null;
}

interface Conversion {
  kind: 'trial' | 'purchase';
  at: Date;
  usdMicros: number;
}

type User = { appId: string; userId: string };

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Keeps each campaign's results current as events are written, in their transaction: an
 * impression counts for its campaign and variant; a purchase or a trial counts for the
 * campaign and variant its device said it was bought under, else for the user's last
 * impression within that campaign's attribution window. Only variants the campaign has
 * count: a device cannot invent rows. Reading results then sums a few rows per day.
 */
export async function countCampaignResults(
  trx: Transaction<Database>,
  user: User,
  events: readonly EventToRecord[],
  context: { at: Date; attribution: Attribution | null },
): Promise<void> {
  for (const event of events) {
    if (event.type === 'device.impression') {
      await countImpression(trx, user, event.fields.impression as Impression);
    }
  }
  for (const conversion of conversionsOf(events, context.at)) {
    const variant =
      (context.attribution && (await knownVariant(trx, user.appId, context.attribution))) ??
      (await lastImpressionBefore(trx, user, conversion.at));
    if (variant) {
      await addConversion(trx, user.appId, variant, conversion);
    }
  }
}

/**
 * A trial start is a trial; a new purchase that is not a trial is a purchase, with its revenue.
 * Each is dated by the store (the payment's time, or the purchase's), not by when it arrived.
 */
function conversionsOf(events: readonly EventToRecord[], at: Date): Conversion[] {
  const trials = new Set(
    events.filter((event) => event.type === 'user.journey.trial.started').map((event) => event.purchaseId ?? ''),
  );
  return events.flatMap((event): Conversion[] => {
    const transaction = event.fields.transaction as { usd_micros: number; occurred_at: string } | null | undefined;
    const purchase = event.fields.purchase as PurchaseFields | undefined;
    const storeTime = transaction?.occurred_at ?? purchase?.period_start ?? purchase?.purchased_at;
    const when = storeTime ? new Date(storeTime) : at;
    if (event.type === 'user.journey.trial.started') {
      return [{ kind: 'trial', at: when, usdMicros: 0 }];
    }
    if (event.type === 'user.subscription.purchased' && !trials.has(event.purchaseId ?? '')) {
      return [{ kind: 'purchase', at: when, usdMicros: transaction?.usd_micros ?? 0 }];
    }
    return [];
  });
}

/** The campaign and variant, if the app's campaign has that variant; null for anything else. */
async function knownVariant(
  trx: Transaction<Database>,
  appId: string,
  named: Attribution,
): Promise<{ campaignId: string; variant: string } | null> {
  if (!UUID.test(named.id)) {
    return null;
  }
  const row = await trx
    .selectFrom('campaign_variants')
    .select(['campaign_id', 'key'])
    .where('app_id', '=', appId)
    .where('campaign_id', '=', named.id.toLowerCase())
    .where('key', '=', named.variant)
    .executeTakeFirst();
  return row ? { campaignId: row.campaign_id, variant: row.key } : null;
}

async function countImpression(trx: Transaction<Database>, user: User, impression: Impression) {
  if (impression.campaign_id === null || impression.variant === null) {
    return;
  }
  const variant = await knownVariant(trx, user.appId, { id: impression.campaign_id, variant: impression.variant });
  if (!variant) {
    return;
  }
  const key = { app_id: user.appId, campaign_id: variant.campaignId, variant: variant.variant };
  const day = dayOf(new Date(impression.occurred_at));
  await trx
    .insertInto('campaign_results')
    .values({ ...key, day, impressions: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['app_id', 'campaign_id', 'variant', 'day'])
        .doUpdateSet((eb) => ({ impressions: eb('campaign_results.impressions', '+', 1) })),
    )
    .execute();
  await trx
    .insertInto('campaign_viewers')
    .values({ ...key, day, user_id: user.userId })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

/** The campaign and variant of the user's last impression within that campaign's window, if any. */
async function lastImpressionBefore(trx: Transaction<Database>, user: User, at: Date) {
  const row = await trx
    .selectFrom('impressions')
    .innerJoin('campaign_variants', (join) =>
      join
        .onRef('campaign_variants.app_id', '=', 'impressions.app_id')
        // The device's text, in whatever case it sent the id.
        .on(sql`campaign_variants.campaign_id::text`, '=', sql`lower(impressions.campaign_id)`)
        .onRef('campaign_variants.key', '=', 'impressions.variant'),
    )
    .innerJoin('campaigns', (join) =>
      join
        .onRef('campaigns.app_id', '=', 'campaign_variants.app_id')
        .onRef('campaigns.id', '=', 'campaign_variants.campaign_id'),
    )
    .select(['campaign_variants.campaign_id', 'campaign_variants.key'])
    .where('impressions.app_id', '=', user.appId)
    .where('impressions.user_id', '=', user.userId)
    .where('impressions.campaign_id', 'is not', null)
    .where('impressions.occurred_at', '<=', at)
    .where('impressions.occurred_at', '>', new Date(at.getTime() - LONGEST_WINDOW_MS))
    .where(
      sql<boolean>`impressions.occurred_at > ${at}::timestamptz - make_interval(hours => campaigns.attribution_window_hours)`,
    )
    .orderBy('impressions.occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { campaignId: row.campaign_id, variant: row.key } : null;
}

async function addConversion(
  trx: Transaction<Database>,
  appId: string,
  variant: { campaignId: string; variant: string },
  conversion: Conversion,
) {
  const purchase = conversion.kind === 'purchase';
  await trx
    .insertInto('campaign_results')
    .values({
      app_id: appId,
      campaign_id: variant.campaignId,
      variant: variant.variant,
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
