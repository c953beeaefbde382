import type { EventType, TransactionPayload } from '@tollgate/core';
import type { OutgoingEvent } from './types.js';

/** Money an event reports to analytics, in US dollars: negative for a refund. */
export interface Revenue {
  usd: number;
  type: TransactionPayload['revenue_type'];
  skuRefId: string;
  storeTransactionId: string;
  /** The amount in the store's currency, in units (9.99), and that currency. */
  originalAmount: number;
  originalCurrency: string;
}

/**
 * The events that count a payment. One store change can put the same payment on several
 * events (a trial conversion is also a renewal; a downgrade at renewal is also a SKU
 * change; `device.transaction` comes with `user.subscription.purchased`), so only these
 * carry revenue, and each payment is counted once. A recovered payment has no renewal
 * event of its own: `renewal_in_grace_period` carries it.
 */
const PAYMENT_EVENTS: ReadonlySet<EventType> = new Set([
  'user.subscription.purchased',
  'user.subscription.renewed',
  'user.subscription.renewal_in_grace_period',
]);

/** A refund ends the subscription (`expired` carries it); a reversed refund brings it back (`resumed`). */
const REFUND_EVENTS: Partial<Record<EventType, TransactionPayload['revenue_type']>> = {
  'user.subscription.expired': 'refund',
  'user.subscription.resumed': 'refund_reversal',
};

const units = (micros: number) => micros / 1_000_000;

/** The revenue an event counts, or null when it counts none. */
export function revenueOf(event: OutgoingEvent): Revenue | null {
  const transaction = 'transaction' in event.payload ? event.payload.transaction : null;
  if (!transaction || !counts(event.type, transaction.revenue_type)) {
    return null;
  }
  const usdMicros = transaction.currency === 'USD' ? transaction.amount_micros : transaction.usd_micros;
  if (usdMicros === 0 && transaction.amount_micros !== 0) {
    // No exchange rate was known: a zero would be a wrong number, no number is an honest one.
    return null;
  }
  const sign = transaction.revenue_type === 'refund' ? -1 : 1;
  return {
    usd: sign * Math.abs(units(usdMicros)),
    type: transaction.revenue_type,
    skuRefId: transaction.sku_ref_id,
    storeTransactionId: transaction.store_transaction_id,
    originalAmount: units(transaction.amount_micros),
    originalCurrency: transaction.currency,
  };
}

function counts(type: EventType, revenueType: TransactionPayload['revenue_type']): boolean {
  if (PAYMENT_EVENTS.has(type)) {
    return revenueType === 'purchase' || revenueType === 'renewal';
  }
  return REFUND_EVENTS[type] === revenueType;
}
