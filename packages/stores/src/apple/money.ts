import type { JWSTransactionDecodedPayload, ResponseBodyV2DecodedPayload } from '@apple/app-store-server-library';
import { microsFromMilliunits, type Payment, type PeriodKind, type Refund } from '@tollgate/core';
import { appleDate, optionalAppleDate, required } from './fields.js';

/** revocationPercentage is in milliunits of a percent: 100% is 100000. */
const WHOLE_PERCENTAGE = 100_000;

/**
 * The transaction as a payment, every time it is seen: the engine skips the ones it
 * already booked. A free period (price 0) pays nothing, and a family member's access was
 * paid by the organiser, whose own purchase reports the money.
 */
export function applePayments(transaction: JWSTransactionDecodedPayload, periodKind: PeriodKind): Payment[] {
  if (!paidByThisUser(transaction)) {
    return [];
  }
  const purchaseDate = appleDate(required(transaction.purchaseDate, 'purchaseDate'));
  return [
    {
      storeTransactionId: required(transaction.transactionId, 'transactionId'),
      kind: transaction.transactionReason === 'RENEWAL' ? 'renewal' : 'purchase',
      skuRefId: required(transaction.productId, 'productId'),
      periodKind,
      amountMicros: microsFromMilliunits(required(transaction.price, 'price')),
      currency: required(transaction.currency, 'currency'),
      paidAt: purchaseDate,
      periodStart: purchaseDate,
      periodEnd: optionalAppleDate(transaction.expiresDate),
    },
  ];
}

/**
 * A refunded transaction carries revocationDate; a family-sharing revocation does too but
 * gives no money back. REFUND_REVERSED says the refund was undone.
 */
export function appleRefunds(
  notification: ResponseBodyV2DecodedPayload,
  transaction: JWSTransactionDecodedPayload,
): Refund[] {
  if (!paidByThisUser(transaction) || transaction.revocationType === 'FAMILY_REVOKE') {
    return [];
  }
  const storeTransactionId = required(transaction.transactionId, 'transactionId');
  const reversed = notification.notificationType === 'REFUND_REVERSED';
  if (transaction.revocationDate === undefined || transaction.revocationDate === null) {
    // A reversal whose transaction no longer shows the refund: undo the whole refund,
    // dated by the notification.
    return reversed
      ? [
          {
            storeTransactionId,
            amountMicros: null,
            currency: null,
            refundedAt: appleDate(required(notification.signedDate, 'signedDate')),
            reversed,
          },
        ]
      : [];
  }
  const paid = microsFromMilliunits(required(transaction.price, 'price'));
  return [
    {
      storeTransactionId,
      amountMicros: transaction.revocationType === 'REFUND_PRORATED' ? proratedMicros(paid, transaction) : paid,
      currency: required(transaction.currency, 'currency'),
      refundedAt: appleDate(transaction.revocationDate),
      reversed,
    },
  ];
}

function paidByThisUser(transaction: JWSTransactionDecodedPayload): boolean {
  return (transaction.price ?? 0) > 0 && transaction.inAppOwnershipType !== 'FAMILY_SHARED';
}

function proratedMicros(paidMicros: number, transaction: JWSTransactionDecodedPayload): number {
  const percentage = required(transaction.revocationPercentage, 'revocationPercentage');
  return Math.round((paidMicros * percentage) / WHOLE_PERCENTAGE);
}
