import type { Database } from '@tollgate/db';
import { type Kysely, sql } from 'kysely';

/**
 * US dollars per unit of the currency on a day, for an app: the latest rate in effect that
 * day (or, before the first one, the earliest), its organization's own rate before the
 * shipped one of the same day; null when the currency has no rate at all.
 */
export async function usdPerUnit(
  db: Kysely<Database>,
  appId: string,
  currency: string,
  day: string,
): Promise<number | null> {
  const rates = db
    .selectFrom('exchange_rates')
    .select('usd_per_unit')
    .where('currency', '=', currency)
    .where((eb) =>
      eb.or([
        eb('org_id', '=', eb.selectFrom('apps').select('org_id').where('id', '=', appId)),
        eb('org_id', 'is', null),
      ]),
    );
  const inEffect = await rates
    .where('day', '<=', day)
    .orderBy('day', 'desc')
    .orderBy(sql`org_id is null`)
    .limit(1)
    .executeTakeFirst();
  const earliest =
    inEffect ?? (await rates.orderBy('day', 'asc').orderBy(sql`org_id is null`).limit(1).executeTakeFirst());
  return earliest?.usd_per_unit ?? null;
}
