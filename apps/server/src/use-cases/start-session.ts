import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { prepareDeviceEvent } from './device-events.js';
import type { SdkCaller } from './sdk-caller.js';

export type StartSessionResult =
  | { outcome: 'started'; userId: string }
  /** The same session id again: a retry. Nothing changes and nothing is emitted. */
  | { outcome: 'already_started' }
  | { outcome: 'device_not_found' };

/**
 * An app session starts: counted in the user's App Sessions, the user's and device's Last
 * Seen moved, and `device.session.start` emitted. The hottest call of the SDK API, so it is
 * one read (the device's user, as the event describes them) and one statement that writes
 * the session, the summaries and the event together, atomically.
 */
export async function startSession(
  deps: Deps,
  input: { caller: SdkCaller; deviceId: string; sessionId: string; startedAt: Date | null },
): Promise<StartSessionResult> {
  const { caller } = input;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const device = await deps.db
      .selectFrom('devices')
      .select('user_id')
      .where('app_id', '=', caller.app_id)
      .where('id', '=', input.deviceId)
      .where('app_platform_id', '=', caller.id)
      .executeTakeFirst();
    if (!device) {
      return { outcome: 'device_not_found' };
    }
    const startedAt = input.startedAt ?? deps.now();
    const event = await prepareDeviceEvent(deps.db, deps, {
      appId: caller.app_id,
      userId: device.user_id,
      deviceId: input.deviceId,
      platform: caller.store,
      type: 'device.session.start',
      fields: { session: { id: input.sessionId, started_at: startedAt.toISOString(), ended_at: null } },
    });
    // Each part writes only if the session is new and the device is still this user's.
    const written = await sql<{ started: boolean; known: boolean }>`
      with session as (
        insert into sessions (app_id, id, device_id, user_id, started_at)
        select d.app_id, ${input.sessionId}, d.id, d.user_id, ${startedAt}
        from devices d
        where d.app_id = ${caller.app_id} and d.id = ${input.deviceId} and d.user_id = ${device.user_id}
        on conflict (app_id, id) do nothing
        returning user_id
      ), summary as (
        update users set
          sessions_count = sessions_count + 1,
          first_seen_at = least(first_seen_at, ${startedAt}),
          last_seen_at = greatest(last_seen_at, ${startedAt}),
          updated_at = ${event.created_at}
        where app_id = ${caller.app_id} and id in (select user_id from session)
      ), seen as (
        update devices set last_seen_at = greatest(last_seen_at, ${startedAt})
        where app_id = ${caller.app_id} and id = ${input.deviceId} and exists (select 1 from session)
      ), recorded as (
        insert into events (app_id, id, user_id, type, platform, purchase_id, device_id, payload, created_at)
        select ${caller.app_id}, ${event.id}, user_id, 'device.session.start', ${caller.store}, null, ${input.deviceId},
          ${event.payload}::jsonb, ${event.created_at}
        from session
      )
      select exists (select 1 from session) as started,
        exists (select 1 from sessions where app_id = ${caller.app_id} and id = ${input.sessionId}) as known
    `.execute(deps.db);
    const row = written.rows[0];
    if (row?.started) {
      return { outcome: 'started', userId: device.user_id };
    }
    if (row?.known) {
      return { outcome: 'already_started' };
    }
    // The device logged in or out between the read and the write: read it again.
  }
  throw new Error(`device ${input.deviceId} kept changing user while a session started`);
}
