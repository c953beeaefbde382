import type { Deps } from '../deps.js';
import { recordDeviceEvent } from './device-events.js';
import type { SdkCaller } from './sdk-caller.js';

export type EndSessionResult =
  | { outcome: 'ended' }
  /** Ended before (a retry): nothing changes and nothing is emitted. */
  | { outcome: 'already_ended' }
  | { outcome: 'session_not_found' }
  /** An end before its start is a clock gone wrong, not an end. */
  | { outcome: 'ends_before_start' };

export function endSession(
  deps: Deps,
  input: { caller: SdkCaller; deviceId: string; sessionId: string; endedAt: Date | null },
): Promise<EndSessionResult> {
  const { caller } = input;
  return deps.db.transaction().execute(async (trx) => {
    // A session of the caller's own platform's device: another platform's is as unknown as none.
    const session = await trx
      .selectFrom('sessions')
      .innerJoin('devices', (join) =>
        join.onRef('devices.app_id', '=', 'sessions.app_id').onRef('devices.id', '=', 'sessions.device_id'),
      )
      .select(['sessions.user_id', 'sessions.started_at', 'sessions.ended_at'])
      .where('sessions.app_id', '=', caller.app_id)
      .where('sessions.id', '=', input.sessionId)
      .where('sessions.device_id', '=', input.deviceId)
      .where('devices.app_platform_id', '=', caller.id)
      .forUpdate('sessions')
      .executeTakeFirst();
    if (!session) {
      return { outcome: 'session_not_found' } as const;
    }
    if (session.ended_at !== null) {
      return { outcome: 'already_ended' } as const;
    }
    const endedAt = input.endedAt ?? deps.now();
    if (endedAt < session.started_at) {
      return { outcome: 'ends_before_start' } as const;
    }
    await trx
      .updateTable('sessions')
      .set({ ended_at: endedAt })
      .where('app_id', '=', caller.app_id)
      .where('id', '=', input.sessionId)
      .execute();
    await trx
      .updateTable('devices')
      .set((eb) => ({ last_seen_at: eb.fn('greatest', ['last_seen_at', eb.val(endedAt)]) }))
      .where('app_id', '=', caller.app_id)
      .where('id', '=', input.deviceId)
      .execute();
    await trx
      .updateTable('users')
      .set((eb) => ({ last_seen_at: eb.fn('greatest', ['last_seen_at', eb.val(endedAt)]), updated_at: deps.now() }))
      .where('app_id', '=', caller.app_id)
      .where('id', '=', session.user_id)
      .execute();
    await recordDeviceEvent(trx, deps, {
      appId: caller.app_id,
      userId: session.user_id,
      deviceId: input.deviceId,
      platform: caller.store,
      type: 'device.session.end',
      fields: {
        session: { id: input.sessionId, started_at: session.started_at.toISOString(), ended_at: endedAt.toISOString() },
      },
    });
    return { outcome: 'ended' } as const;
  });
}
