import { type Payment, type Refund, toUsdMicros } from '@tollgate/core';
import type { Database, Purchase, Transaction as RevenueRow } from '@tollgate/db';
import type { Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { usdPerUnit } from '../queries/exchange-rates.js';

function refundType(refund: Refund): 'refund' | 'refund_reversal' {
  return refund.reversed ? 'refund_reversal' : 'refund';
}

/**
 * Books the payments and refunds not booked yet, with their value in US dollars at the day's
 * rate, and returns the rows written: a payment reported again is booked once. A refund is a
 * row of its own, negative; a reversed refund gives the money back.
 */
export async function recordRevenue(
  trx: Transaction<Database>,
  deps: Deps,
  input: { purchase: Purchase; payments: readonly Payment[]; refunds: readonly Refund[] },
): Promise<RevenueRow[]> {
  const { purchase } = input;
  const rows: RevenueRow[] = [];
  const insert = async (row: Omit<RevenueRow, 'id' | 'usd_micros' | 'created_at'>) => {
    const rate = await usdPerUnit(trx, row.app_id, row.currency, row.occurred_at.toISOString().slice(0, 10));
    const inserted = await trx
      .insertInto('transactions')
      .values({
        ...row,
        id: deps.newId(),
        usd_micros: rate === null ? null : toUsdMicros(row.amount_micros, rate),
        created_at: deps.now(),
      })
      .onConflict((conflict) => conflict.constraint('transactions_store_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      rows.push(inserted);
    }
  };
  const common = {
    app_id: purchase.app_id,
    purchase_id: purchase.id,
    user_id: purchase.user_id,
    app_platform_id: purchase.app_platform_id,
    store: purchase.store,
    environment: purchase.environment,
  };
  for (const payment of input.payments) {
    await insert({
      ...common,
      store_transaction_id: payment.storeTransactionId,
      revenue_type: payment.kind,
      sku_ref_id: payment.skuRefId,
      period_kind: payment.periodKind,
      amount_micros: payment.amountMicros,
      currency: payment.currency.toUpperCase(),
      occurred_at: payment.paidAt,
      period_start: payment.periodStart,
      period_end: payment.periodEnd,
    });
  }
  for (const refund of input.refunds) {
    const paid = await refundedPayment(trx, purchase, refund.storeTransactionId);
    const amount = refund.amountMicros ?? paid?.amount_micros;
    if (amount === undefined) {
      // A refund of a payment Tollgate never saw, with no amount: nothing to book.
      continue;
    }
    await insert({
      ...common,
      store_transaction_id: refund.storeTransactionId,
      revenue_type: refundType(refund),
      sku_ref_id: paid?.sku_ref_id ?? purchase.sku_ref_id,
      period_kind: paid?.period_kind ?? purchase.period_kind,
      amount_micros: refund.reversed ? amount : -amount,
      currency: (refund.currency ?? paid?.currency ?? 'USD').toUpperCase(),
      occurred_at: refund.refundedAt,
      period_start: null,
      period_end: null,
    });
  }
  return rows;
}

function refundedPayment(trx: Transaction<Database>, purchase: Purchase, storeTransactionId: string) {
  return trx
    .selectFrom('transactions')
    .select(['amount_micros', 'currency', 'sku_ref_id', 'period_kind'])
    .where('app_id', '=', purchase.app_id)
    .where('purchase_id', '=', purchase.id)
    .where('store_transaction_id', '=', storeTransactionId)
    .where('revenue_type', 'in', ['purchase', 'renewal'])
    .executeTakeFirst();
}

/** The payments and refunds among `money` that these rows booked. */
export function bookedAmong(
  booked: readonly RevenueRow[],
  money: { payments: readonly Payment[]; refunds: readonly Refund[] },
): { payments: Payment[]; refunds: Refund[] } {
  const keys = new Set(booked.map((row) => `${row.revenue_type}/${row.store_transaction_id}`));
  return {
    payments: money.payments.filter((payment) => keys.has(`${payment.kind}/${payment.storeTransactionId}`)),
    refunds: money.refunds.filter((refund) => keys.has(`${refundType(refund)}/${refund.storeTransactionId}`)),
  };
}
