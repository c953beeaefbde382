import type { ResponseBodyV2DecodedPayload } from '@apple/app-store-server-library';

/** Why a notification carries nothing to apply to a purchase. */
export type AppleIgnoredReason =
  /** RENEWAL_EXTENSION SUMMARY: a mass extension finished; each purchase gets its own notification. */
  | 'summary'
  /** EXTERNAL_PURCHASE_TOKEN: External Purchase API only, no in-app purchase. */
  | 'external_purchase_token'
  /** RESCIND_CONSENT: about the app's consent, carries `appData`, no purchase. */
  | 'rescind_consent'
  /** Any other type without a signed transaction (including types Apple adds later). */
  | 'no_transaction';

/**
 * What an App Store notification is for the engine. The library accepts any
 * notificationType string, so new types land here too and are classified by what they
 * carry, never refused.
 */
export type AppleNotificationKind =
  /** Carries a transaction (still to be verified): map it with appleSnapshot. */
  | { kind: 'purchase'; signedTransactionInfo: string; signedRenewalInfo: string | null }
  /** From "Request a Test Notification": proves the endpoint works. */
  | { kind: 'test' }
  | { kind: 'ignored'; reason: AppleIgnoredReason };

export function appleNotificationKind(notification: ResponseBodyV2DecodedPayload): AppleNotificationKind {
  if (notification.notificationType === 'TEST') {
    return { kind: 'test' };
  }
  const signedTransactionInfo = notification.data?.signedTransactionInfo;
  if (signedTransactionInfo) {
    return { kind: 'purchase', signedTransactionInfo, signedRenewalInfo: notification.data?.signedRenewalInfo || null };
  }
  if (notification.summary) {
    return { kind: 'ignored', reason: 'summary' };
  }
  if (notification.externalPurchaseToken) {
    return { kind: 'ignored', reason: 'external_purchase_token' };
  }
  if (notification.appData) {
    return { kind: 'ignored', reason: 'rescind_consent' };
  }
  return { kind: 'ignored', reason: 'no_transaction' };
}
