import type { StoreNotification } from '@tollgate/db';
import type { VerifiedAppleNotification } from '@tollgate/stores';
import type { Deps } from '../deps.js';
import { applyStoreNotification } from '../use-cases/apply-store-notification.js';
import { appleEffect } from './apple.js';
import type { StoreGateways } from './gateways.js';
import { applyGoogleNotification, storedDeveloperNotification } from './google.js';
import { fromApplied, type IntakeResult } from './intake-result.js';

/**
 * Applies a kept notification again: the worker's retries of those that could not be
 * applied, and an operator's replay (`again`) of any. Apple's is applied as it was signed;
 * Google's asks Play again, as Play's answer is the truth.
 */
export async function reapplyNotification(
  deps: Deps,
  gateways: StoreGateways,
  notification: StoreNotification,
  options: { again: boolean },
): Promise<IntakeResult> {
  const platform = await deps.db
    .selectFrom('app_platforms')
    .selectAll()
    .where('app_id', '=', notification.app_id)
    .where('id', '=', notification.app_platform_id)
    .executeTakeFirstOrThrow();
  switch (notification.store) {
    case 'apple': {
      const applied = await applyStoreNotification(deps, {
        appId: notification.app_id,
        notificationId: notification.id,
        effect: appleEffect(notification.decoded as VerifiedAppleNotification),
        again: options.again,
      });
      return fromApplied(notification.id, applied);
    }
    case 'google':
      return applyGoogleNotification(
        deps,
        gateways,
        platform,
        notification.id,
        storedDeveloperNotification(notification.decoded, platform.marketplace_app_id),
        options.again,
      );
    case 'roku': {
      const applied = await applyStoreNotification(deps, {
        appId: notification.app_id,
        notificationId: notification.id,
        effect: { kind: 'nothing', why: 'Roku notifications are not supported yet' },
        again: options.again,
      });
      return fromApplied(notification.id, applied);
    }
  }
}
