import type { Deps } from '../deps.js';
import type { SdkCaller } from './sdk-caller.js';
import { refreshUserPlatforms } from './user-platforms.js';
import { createUser } from './users.js';

export type LogOutResult =
  | { outcome: 'logged_out'; userId: string; previousUserId: string }
  /** The device's user is anonymous already: logging out again changes nothing. */
  | { outcome: 'already_anonymous'; userId: string }
  | { outcome: 'device_not_found' };

/** The device leaves its signed-in user for a fresh anonymous one; purchases stay with the user. */
export function logOut(deps: Deps, input: { caller: SdkCaller; deviceId: string }): Promise<LogOutResult> {
  const { caller } = input;
  return deps.db.transaction().execute(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .innerJoin('users', (join) =>
        join.onRef('users.app_id', '=', 'devices.app_id').onRef('users.id', '=', 'devices.user_id'),
      )
      .select(['devices.user_id', 'users.external_id'])
      .where('devices.app_id', '=', caller.app_id)
      .where('devices.id', '=', input.deviceId)
      .where('devices.app_platform_id', '=', caller.id)
      .forUpdate()
      .executeTakeFirst();
    if (!device) {
      return { outcome: 'device_not_found' } as const;
    }
    if (device.external_id === null) {
      return { outcome: 'already_anonymous', userId: device.user_id } as const;
    }
    const userId = await createUser(trx, deps, caller.app_id);
    await trx
      .updateTable('devices')
      // The sessions so far stay with the user signing out: the new one starts from none.
      .set({ user_id: userId, sessions_with_user: 0, updated_at: deps.now() })
      .where('app_id', '=', caller.app_id)
      .where('id', '=', input.deviceId)
      .execute();
    await refreshUserPlatforms(trx, caller.app_id, [device.user_id, userId]);
    return { outcome: 'logged_out', userId, previousUserId: device.user_id } as const;
  });
}
