import type { Deps } from '../deps.js';
import type { SdkCaller } from './sdk-caller.js';
import { refreshUserPlatforms } from './user-platforms.js';
import { createUser } from './users.js';

/** What a device says of itself. Never an address, a name or a fingerprint: a country code at most. */
export interface DeviceInfo {
  os?: string | undefined;
  os_version?: string | undefined;
  model?: string | undefined;
  language?: string | undefined;
  country?: string | undefined;
  sdk_version?: string | undefined;
  app_version?: string | undefined;
}

export type RegisterDeviceResult =
  | { outcome: 'created' | 'updated'; deviceId: string; userId: string }
  /** The id is another app platform's device: a device belongs to one platform. */
  | { outcome: 'device_of_another_platform' };

/**
 * Registers a device by the id it made for itself, with an anonymous user of its own; or,
 * for a device already known, updates what it says of itself. Calling it again is harmless.
 */
export function registerDevice(
  deps: Deps,
  input: { caller: SdkCaller; deviceId: string; info: DeviceInfo },
): Promise<RegisterDeviceResult> {
  const { caller, deviceId, info } = input;
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const existing = await trx
      .selectFrom('devices')
      .select(['app_platform_id', 'user_id'])
      .where('app_id', '=', caller.app_id)
      .where('id', '=', deviceId)
      .forUpdate()
      .executeTakeFirst();
    if (existing) {
      if (existing.app_platform_id !== caller.id) {
        return { outcome: 'device_of_another_platform' } as const;
      }
      await trx
        .updateTable('devices')
        .set({ ...info, updated_at: now })
        .where('app_id', '=', caller.app_id)
        .where('id', '=', deviceId)
        .execute();
      return { outcome: 'updated', deviceId, userId: existing.user_id } as const;
    }
    const userId = await createUser(trx, deps, caller.app_id);
    await trx
      .insertInto('devices')
      .values({
        app_id: caller.app_id,
        id: deviceId,
        app_platform_id: caller.id,
        user_id: userId,
        ...info,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await refreshUserPlatforms(trx, caller.app_id, [userId]);
    return { outcome: 'created', deviceId, userId } as const;
  });
}
