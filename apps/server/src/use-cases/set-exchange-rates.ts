import { toUsdMicros } from '@tollgate/core';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { usdPerUnit } from '../queries/exchange-rates.js';

export interface ExchangeRate {
  currency: string;
  /** `YYYY-MM-DD`: in effect from this day until a later rate. */
  day: string;
  usdPerUnit: number;
}

/**
 * Sets the organization's own rates (they take precedence over the shipped ones), then gives
 * a US dollar value to the revenue that had none for want of a rate, and adds it to the
 * customers' lifetime value. Revenue already valued keeps its value: a rate is a fact of its day.
 */
export function setExchangeRates(
  deps: Deps,
  input: { orgId: string; rates: readonly ExchangeRate[] },
): Promise<{ rates: number; revenueValued: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    for (const rate of input.rates) {
      await trx
        .insertInto('exchange_rates')
        .values({
          org_id: input.orgId,
          currency: rate.currency,
          day: rate.day,
          usd_per_unit: rate.usdPerUnit,
          updated_at: now,
        })
        .onConflict((conflict) =>
          conflict.constraint('exchange_rates_key').doUpdateSet({ usd_per_unit: rate.usdPerUnit, updated_at: now }),
        )
        .execute();
    }
    const unvalued = await trx
      .selectFrom('transactions')
      .innerJoin('apps', 'apps.id', 'transactions.app_id')
      .select([
        'transactions.app_id',
        'transactions.id',
        'transactions.user_id',
        'transactions.amount_micros',
        'transactions.currency',
      ])
      .select(sql<string>`to_char(transactions.occurred_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'))
      .where('apps.org_id', '=', input.orgId)
      .where('transactions.usd_micros', 'is', null)
      .where('transactions.currency', 'in', [...new Set(input.rates.map((rate) => rate.currency))])
      .execute();
    let valued = 0;
    for (const row of unvalued) {
      const rate = await usdPerUnit(trx, row.app_id, row.currency, row.day);
      if (rate === null) {
        continue;
      }
      const usd = toUsdMicros(row.amount_micros, rate);
      await trx
        .updateTable('transactions')
        .set({ usd_micros: usd })
        .where('app_id', '=', row.app_id)
        .where('id', '=', row.id)
        .execute();
      await trx
        .updateTable('users')
        .set((eb) => ({ lifetime_value_usd_micros: eb('lifetime_value_usd_micros', '+', usd) }))
        .where('app_id', '=', row.app_id)
        .where('id', '=', row.user_id)
        .execute();
      valued += 1;
    }
    return { rates: input.rates.length, revenueValued: valued };
  });
}
