import type { AppPlatform } from '@tollgate/db';
import {
  appleNotificationKind,
  appleSnapshot,
  StorePayloadError,
  type VerifiedAppleNotification,
} from '@tollgate/stores';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.js';
import { applyStoreNotification, type StoreNotificationEffect } from '../use-cases/apply-store-notification.js';
import { recordStoreNotification } from '../use-cases/record-store-notification.js';
import type { StoreGateways } from './gateways.js';
import { fromApplied, type IntakeResult } from './intake-result.js';

/**
 * An App Store Server Notification V2: verified (with the nested transaction and renewal
 * info), kept, then applied. A bad signature is logged and refused, and stored nowhere.
 */
export async function takeAppleNotification(
  deps: Deps,
  gateways: StoreGateways,
  log: FastifyBaseLogger,
  input: { platform: AppPlatform; signedPayload: string; body: string },
): Promise<IntakeResult> {
  const { platform } = input;
  const verification = await gateways.apple.verify(input.signedPayload, {
    bundleId: platform.marketplace_app_id,
    appAppleId: platform.apple_app_apple_id,
  });
  if (verification.outcome === 'rejected') {
    log.warn({ appPlatformId: platform.id, reason: verification.reason }, 'refused an App Store notification');
    return verification.retryable
      ? { outcome: 'rejected', status: 503, code: 'verification_unavailable', detail: verification.reason }
      : { outcome: 'rejected', status: 401, code: 'notification_not_verified', detail: verification.reason };
  }
  const { notification } = verification.verified;
  const recorded = await recordStoreNotification(deps, {
    appId: platform.app_id,
    appPlatformId: platform.id,
    store: 'apple',
    storeNotificationId: notification.notificationUUID ?? `${notification.notificationType}/${notification.signedDate}`,
    notificationType: notification.notificationType ?? 'UNKNOWN',
    subtype: notification.subtype ?? null,
    environment: notification.data?.environment ?? notification.summary?.environment ?? null,
    signedAt: notification.signedDate === undefined ? null : new Date(notification.signedDate),
    body: input.body,
    decoded: verification.verified,
  });
  if (recorded.outcome === 'duplicate') {
    return { outcome: 'duplicate', notificationId: recorded.notification.id };
  }
  const effect = appleEffect(verification.verified);
  const applied = await applyStoreNotification(deps, {
    appId: platform.app_id,
    notificationId: recorded.notification.id,
    effect,
  });
  return fromApplied(recorded.notification.id, applied);
}

/** What a verified notification does: its snapshot, or nothing (a test, a summary). */
export function appleEffect(verified: VerifiedAppleNotification): StoreNotificationEffect {
  const kind = appleNotificationKind(verified.notification);
  switch (kind.kind) {
    case 'test':
      return { kind: 'nothing', why: 'test notification' };
    case 'ignored':
      return { kind: 'nothing', why: kind.reason };
    case 'purchase':
      break;
  }
  if (verified.transaction === null) {
    return { kind: 'nothing', why: 'no transaction' };
  }
  try {
    return {
      kind: 'snapshot',
      snapshot: appleSnapshot({
        notification: verified.notification,
        transaction: verified.transaction,
        renewalInfo: verified.renewalInfo,
      }),
    };
  } catch (error) {
    // Verified but not understood (a product type Apple added later): kept, not retried.
    if (error instanceof StorePayloadError) {
      return { kind: 'nothing', why: `not understood: ${error.message}` };
    }
    throw error;
  }
}
