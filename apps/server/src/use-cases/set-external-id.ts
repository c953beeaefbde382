import type { Deps } from '../deps.js';
import type { SdkCaller } from './sdk-caller.js';

export type SetExternalIdResult =
  | { outcome: 'set'; userId: string }
  | { outcome: 'device_not_found' }
  /** Another user has that value for that key: identifiers define users. */
  | { outcome: 'taken' };

/** Gives the device's user one value for an identifier key of the app's (a CRM id, say). */
export function setExternalId(
  deps: Deps,
  input: { caller: SdkCaller; deviceId: string; key: string; value: string },
): Promise<SetExternalIdResult> {
  const { caller } = input;
  return deps.db.transaction().execute(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .select('user_id')
      .where('app_id', '=', caller.app_id)
      .where('id', '=', input.deviceId)
      .where('app_platform_id', '=', caller.id)
      .executeTakeFirst();
    if (!device) {
      return { outcome: 'device_not_found' } as const;
    }
    const holder = await trx
      .selectFrom('external_ids')
      .select('user_id')
      .where('app_id', '=', caller.app_id)
      .where('key', '=', input.key)
      .where('value', '=', input.value)
      .forUpdate()
      .executeTakeFirst();
    if (holder && holder.user_id !== device.user_id) {
      return { outcome: 'taken' } as const;
    }
    if (!holder) {
      await trx
        .deleteFrom('external_ids')
        .where('app_id', '=', caller.app_id)
        .where('user_id', '=', device.user_id)
        .where('key', '=', input.key)
        .execute();
      await trx
        .insertInto('external_ids')
        .values({
          app_id: caller.app_id,
          key: input.key,
          value: input.value,
          type: input.key,
          user_id: device.user_id,
          created_at: deps.now(),
        })
        .execute();
      await trx
        .updateTable('users')
        .set({ updated_at: deps.now() })
        .where('app_id', '=', caller.app_id)
        .where('id', '=', device.user_id)
        .execute();
    }
    return { outcome: 'set', userId: device.user_id } as const;
  });
}
