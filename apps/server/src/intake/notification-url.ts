import type { AppPlatform } from '@tollgate/db';

/** Where a store sends an app platform's notifications: what operators paste into the store. */
export function notificationUrl(publicUrl: string, platform: Pick<AppPlatform, 'id' | 'store'>): string {
  return `${publicUrl}/stores/${platform.store}/${platform.id}/notifications`;
}
