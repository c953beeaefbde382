import {
  type DeviceEventType,
  type EventType,
  eventEnvelope,
  type StorePlatform,
  type UserSnapshot,
} from '@tollgate/core';
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

/** An event row made ahead of its write, for statements that write it with what it tells. */
export function prepareDeviceEvent(
  deps: Deps,
  input: {
    user: UserSnapshot;
    deviceId: string;
    platform: StorePlatform;
    type: EventType;
    fields: Record<string, unknown>;
  },
) {
  const at = deps.now();
  const id = deps.newId();
  return {
    id,
    created_at: at,
    payload: {
      ...eventEnvelope(input.type, { id, at, platform: input.platform, user: input.user }),
      device_id: input.deviceId,
      ...input.fields,
    },
  };
}
