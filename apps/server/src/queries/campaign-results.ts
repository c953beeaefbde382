import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';

export interface VariantTotals {
  variant: string;
  impressions: number;
  unique_users: number;
  purchases: number;
  trials: number;
  revenue_usd_micros: number;
}

export interface DayResult {
  day: string;
  variant: string;
  impressions: number;
  purchases: number;
  trials: number;
  revenue_usd_micros: number;
}

/**
 * A campaign's results per variant and per day over a range of UTC days (both ends included),
 * from the counters kept as events arrive: a few rows per day and variant, never the events.
 */
export async function campaignResults(
  db: Kysely<Database>,
  appId: string,
  campaignId: string,
  range: { from: string; to: string },
): Promise<{ totals: VariantTotals[]; days: DayResult[] }> {
  const days = await db
    .selectFrom('campaign_results')
    .select(['day', 'variant', 'impressions', 'purchases', 'trials', 'revenue_usd_micros'])
    .where('app_id', '=', appId)
    .where('campaign_id', '=', campaignId)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .orderBy('day')
    .orderBy('variant')
    .execute();
  const viewers = await db
    .selectFrom('campaign_viewers')
    .select(['variant', (eb) => eb.fn.count<number>('user_id').distinct().as('unique_users')])
    .where('app_id', '=', appId)
    .where('campaign_id', '=', campaignId)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('variant')
    .execute();
  const totals = new Map<string, VariantTotals>();
  for (const day of days) {
    const total = totals.get(day.variant) ?? {
      variant: day.variant,
      impressions: 0,
      unique_users: 0,
      purchases: 0,
      trials: 0,
      revenue_usd_micros: 0,
    };
    total.impressions += day.impressions;
    total.purchases += day.purchases;
    total.trials += day.trials;
    total.revenue_usd_micros += day.revenue_usd_micros;
    totals.set(day.variant, total);
  }
  for (const row of viewers) {
    const total = totals.get(row.variant);
    if (total) {
      total.unique_users = Number(row.unique_users);
    }
  }
  return { totals: [...totals.values()], days };
}
