import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import type { SdkCaller } from './sdk-caller.js';
import { transferPurchases } from './transfer-purchases.js';
import { refreshUserPlatforms } from './user-platforms.js';
import { createUser, linkExternalId } from './users.js';

export type LogInResult =
  | { outcome: 'logged_in'; userId: string; previousUserId: string; transferred: number }
  /** The device already belongs to that user: nothing changes. */
  | { outcome: 'already_logged_in'; userId: string }
  | { outcome: 'device_not_found' };

/**
 * The device's user signs in as the app's own user `externalId`: the device moves to the
 * user who has that external id (made if new), joining their other devices, and the
 * purchases this device reported move with it (an entitlement transfer), as do the paywalls it
 * showed (a purchase after signing in counts for the campaign that led to it) and the app
 * sessions it started for the user it leaves.
 */
export function logIn(
  deps: Deps,
  input: { caller: SdkCaller; deviceId: string; externalId: string; at?: Date | undefined },
): Promise<LogInResult> {
  const { caller } = input;
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const device = await trx
      .selectFrom('devices')
      .select(['user_id', 'sessions_with_user', 'last_seen_at'])
      .where('app_id', '=', caller.app_id)
      .where('id', '=', input.deviceId)
      .where('app_platform_id', '=', caller.id)
      .forUpdate()
      .executeTakeFirst();
    if (!device) {
      return { outcome: 'device_not_found' } as const;
    }
    const owner = await trx
      .selectFrom('external_ids')
      .select('user_id')
      .where('app_id', '=', caller.app_id)
      .where('key', '=', 'external_id')
      .where('value', '=', input.externalId)
      .executeTakeFirst();
    if (owner?.user_id === device.user_id) {
      return { outcome: 'already_logged_in', userId: device.user_id } as const;
    }
    const userId = owner?.user_id ?? (await createUser(trx, deps, caller.app_id));
    if (!owner) {
      await linkExternalId(trx, deps, {
        appId: caller.app_id,
        userId,
        key: 'external_id',
        type: 'external_id',
        value: input.externalId,
      });
      await trx
        .updateTable('users')
        .set({ external_id: input.externalId })
        .where('app_id', '=', caller.app_id)
        .where('id', '=', userId)
        .execute();
    }
    await trx
      .updateTable('devices')
      .set({ user_id: userId, updated_at: now })
      .where('app_id', '=', caller.app_id)
      .where('id', '=', input.deviceId)
      .execute();
    const onDevice = await trx
      .selectFrom('purchases')
      .select('id')
      .where('app_id', '=', caller.app_id)
      .where('device_id', '=', input.deviceId)
      .where('user_id', '=', device.user_id)
      .execute();
    const transferred = await transferPurchases(trx, deps, {
      appId: caller.app_id,
      purchaseIds: onDevice.map((purchase) => purchase.id),
      fromUserId: device.user_id,
      toUserId: userId,
    });
    // The paywalls this device showed go with it, so that a purchase made after signing in
    // counts for the campaign that led to it.
    await trx
      .updateTable('impressions')
      .set({ user_id: userId })
      .where('app_id', '=', caller.app_id)
      .where('device_id', '=', input.deviceId)
      .where('user_id', '=', device.user_id)
      .execute();
    await refreshUserPlatforms(trx, caller.app_id, [device.user_id, userId]);
    // The device's sessions go with it too: App Sessions counts a user's devices' sessions.
    const moved = device.sessions_with_user;
    const previous = await trx
      .updateTable('users')
      .set({ updated_at: now, sessions_count: sql<number>`greatest(sessions_count - ${moved}, 0)` })
      .where('app_id', '=', caller.app_id)
      .where('id', '=', device.user_id)
      .returning('first_seen_at')
      .executeTakeFirstOrThrow();
    // The person the device was, when it was their only device: first seen when they were.
    const othersLeft = await trx
      .selectFrom('devices')
      .select('id')
      .where('app_id', '=', caller.app_id)
      .where('user_id', '=', device.user_id)
      .limit(1)
      .executeTakeFirst();
    // Signing in is being seen: the customer should not look idle until the next session.
    const seenAt = input.at ?? now;
    const firstSeen = othersLeft || previous.first_seen_at === null ? seenAt : previous.first_seen_at;
    await trx
      .updateTable('users')
      .set((eb) => ({
        updated_at: now,
        sessions_count: eb('sessions_count', '+', moved),
        last_seen_at: eb.fn('greatest', ['last_seen_at', eb.val(seenAt), eb.val(device.last_seen_at)]),
        first_seen_at: eb.fn('least', ['first_seen_at', eb.val(seenAt), eb.val(firstSeen)]),
      }))
      .where('app_id', '=', caller.app_id)
      .where('id', '=', userId)
      .execute();
    return { outcome: 'logged_in', userId, previousUserId: device.user_id, transferred: transferred.moved } as const;
  });
}
