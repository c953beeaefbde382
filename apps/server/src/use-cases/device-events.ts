import type { DeviceEventType, StorePlatform } from '@tollgate/core';
import type { Database } from '@tollgate/db';
import type { Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { userSnapshot } from '../queries/customer-state.js';
import { recordEvents } from './record-events.js';

/** A device event with the user payload, written in the caller's transaction. */
export async function recordDeviceEvent(
  trx: Transaction<Database>,
  deps: Deps,
  input: {
    appId: string;
    userId: string;
    deviceId: string;
    platform: StorePlatform;
    type: DeviceEventType;
    fields: Record<string, unknown>;
  },
): Promise<void> {
  const user = await userSnapshot(trx, input.appId, input.userId, deps.now());
  await recordEvents(trx, deps, {
    user,
    platform: input.platform,
    events: [{ type: input.type, deviceId: input.deviceId, fields: { device_id: input.deviceId, ...input.fields } }],
  });
}
