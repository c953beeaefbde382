import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import { microsFromUnitsAndNanos, type Refund } from '@tollgate/core';
import { optionalGoogleTime, required } from './fields.js';

type Money = androidpublisher_v3.Schema$Money;
type Order = androidpublisher_v3.Schema$Order;

export interface Amount {
  micros: number;
  currency: string;
}

export function amountOf(money: Money | undefined): Amount | null {
  if (!money?.currencyCode) {
    return null;
  }
  return { micros: microsFromUnitsAndNanos(money.units, money.nanos), currency: money.currencyCode };
}

/** What the buyer paid without tax, like recurringPrice, so both sources book the same revenue. */
export function orderAmount(order: Order): Amount | null {
  const total = amountOf(order.total);
  if (total === null) {
    return null;
  }
  const tax = order.tax ? microsFromUnitsAndNanos(order.tax.units, order.tax.nanos) : 0;
  return { micros: total.micros - tax, currency: total.currency };
}

/** A pending order is not paid yet, and a canceled one never was. */
export function orderWasCharged(order: Order): boolean {
  return order.state !== 'PENDING' && order.state !== 'CANCELED';
}

/** Google renews a subscription with a new order id: the first one plus `..0`, `..1`, … */
export function isRenewalOrderId(orderId: string): boolean {
  return /\.\.\d+$/.test(orderId);
}

/**
 * The orders of a subscription before this one: Play numbers renewals after the first order
 * (`GPA.1234`, then `GPA.1234..0`, `GPA.1234..1`, …), so a renewal's id names them all.
 */
export function earlierOrderIds(orderId: string): string[] {
  const match = /^(.*)\.\.(\d+)$/.exec(orderId);
  if (!match?.[1] || match[2] === undefined) {
    return [];
  }
  const base = match[1];
  const renewal = Number(match[2]);
  return [base, ...Array.from({ length: renewal }, (_, index) => `${base}..${index}`)];
}

/**
 * A fully refunded order (what a voided-purchase notification announces). The amount is
 * the whole payment, which the engine already knows. Partial refunds are left out: a
 * payment has at most one refund, and Play may report several for one order.
 */
export function orderRefunds(order: Order, observedAt: Date): Refund[] {
  const refund = order.orderHistory?.refundEvent;
  if (!refund) {
    return [];
  }
  return [
    {
      storeTransactionId: required(order.orderId, 'orderId'),
      amountMicros: null,
      currency: null,
      refundedAt:
        optionalGoogleTime(refund.eventTime, 'refundEvent.eventTime') ??
        optionalGoogleTime(order.lastEventTime, 'lastEventTime') ??
        observedAt,
      reversed: false,
    },
  ];
}
