import type { Database } from '@tollgate/db';
import { type Kysely, sql } from 'kysely';

export interface ListedRate {
  currency: string;
  day: string;
  usd_per_unit: number;
  source: 'shipped' | 'organization';
}

/** The rate in effect today for each currency, the organization's own before the shipped one. */
export async function currentRates(db: Kysely<Database>, orgId: string): Promise<ListedRate[]> {
  const rows = await db
    .selectFrom('exchange_rates')
    .select(['currency', 'day', 'usd_per_unit', sql<boolean>`org_id is null`.as('shipped')])
    .distinctOn('currency')
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .orderBy('currency')
    .orderBy('day', 'desc')
    .orderBy(sql`org_id is null`)
    .execute();
  return rows.map(listed);
}

/** Every rate of one currency, newest day first. */
export async function rateHistory(db: Kysely<Database>, orgId: string, currency: string): Promise<ListedRate[]> {
  const rows = await db
    .selectFrom('exchange_rates')
    .select(['currency', 'day', 'usd_per_unit', sql<boolean>`org_id is null`.as('shipped')])
    .where('currency', '=', currency)
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .orderBy('day', 'desc')
    .orderBy(sql`org_id is null`)
    .limit(1000)
    .execute();
  return rows.map(listed);
}

function listed(row: { currency: string; day: string; usd_per_unit: number; shipped: boolean }): ListedRate {
  return {
    currency: row.currency,
    day: row.day,
    usd_per_unit: row.usd_per_unit,
    source: row.shipped ? 'shipped' : 'organization',
  };
}
