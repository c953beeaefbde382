import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { userSnapshots } from '../queries/customer-state.js';
import { prepareDeviceEvent } from './device-events.js';
import type { SdkCaller } from './sdk-caller.js';

export interface SessionStart {
  caller: SdkCaller;
  deviceId: string;
  sessionId: string;
  startedAt: Date | null;
}

export type StartSessionResult =
  | { outcome: 'started'; userId: string }
  /** The same session id again: a retry. Nothing changes and nothing is emitted. */
  | { outcome: 'already_started' }
  | { outcome: 'device_not_found' };

interface PreparedStart {
  index: number;
  start: SessionStart;
  userId: string;
  startedAt: Date;
  event: ReturnType<typeof prepareDeviceEvent>;
}

/** How often a start is tried again when its device changes user between the read and the write. */
const ATTEMPTS = 3;

/**
 * App sessions start: each counted in its user's App Sessions, the user's and the device's
 * Last Seen moved, and `device.session.start` emitted. The hottest call of the SDK API, so
 * any number of starts take two statements: one read (each device's user, as the event
 * describes them) and one write of the sessions, the summaries and the events together,
 * atomically. Results come back in the order of the starts.
 */
export async function startSessions(deps: Deps, starts: readonly SessionStart[]): Promise<StartSessionResult[]> {
  const results: Array<StartSessionResult | undefined> = starts.map(() => undefined);
  let pending = starts.map((_, index) => index);
  for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
    pending = await attemptStarts(deps, starts, pending, results);
  }
  return results.map((result, index) => {
    if (!result) {
      throw new Error(`device ${starts[index]?.deviceId} kept changing user while a session started`);
    }
    return result;
  });
}

/** One read and one write for the starts at `indexes`; returns those to try again. */
async function attemptStarts(
  deps: Deps,
  starts: readonly SessionStart[],
  indexes: number[],
  results: Array<StartSessionResult | undefined>,
): Promise<number[]> {
  const now = deps.now();
  const users = await userSnapshots(
    deps.db,
    indexes.map((index) => {
      const { caller, deviceId } = starts[index] as SessionStart;
      return { appId: caller.app_id, appPlatformId: caller.id, deviceId };
    }),
    now,
  );
  const rows: PreparedStart[] = [];
  const again: number[] = [];
  const inThisWrite = new Set<string>();
  for (const [position, index] of indexes.entries()) {
    const start = starts[index] as SessionStart;
    const user = users[position];
    if (!user) {
      results[index] = { outcome: 'device_not_found' };
      continue;
    }
    // The same session twice at once (a client's eager retry): the second waits for the next
    // attempt, where it finds the session the first one started.
    const key = `${start.caller.app_id}/${start.sessionId}`;
    if (inThisWrite.has(key)) {
      again.push(index);
      continue;
    }
    inThisWrite.add(key);
    const startedAt = start.startedAt ?? now;
    const event = prepareDeviceEvent(deps, {
      user,
      deviceId: start.deviceId,
      platform: start.caller.store,
      type: 'device.session.start',
      fields: { session: { id: start.sessionId, started_at: startedAt.toISOString(), ended_at: null } },
    });
    rows.push({ index, start, userId: user.userId, startedAt, event });
  }
  if (rows.length === 0) {
    return again;
  }
  // One JSON parameter rather than arrays: the statement is planned once for every batch size.
  const asked = rows.map((row, position) => ({
    position,
    app_id: row.start.caller.app_id,
    session_id: row.start.sessionId,
    device_id: row.start.deviceId,
    user_id: row.userId,
    started_at: row.startedAt.toISOString(),
    store: row.start.caller.store,
    app_platform_id: row.start.caller.id,
    event_id: row.event.id,
    payload: row.event.payload,
    created_at: row.event.created_at.toISOString(),
  }));
  // Each part writes only for sessions that are new and whose device is still that user's. A
  // start whose device is still its user's but was not inserted is a retry: the conflict says
  // so, with no lookup in sessions, the fastest-growing table.
  const { rows: written } = await sql<{ position: number; started: boolean; owned: boolean }>`
    with asked as (
      select * from jsonb_to_recordset(${JSON.stringify(asked)}::jsonb) as asked (position int, app_id uuid,
        session_id uuid, device_id uuid, user_id uuid, started_at timestamptz, store text, app_platform_id uuid, event_id uuid,
        payload jsonb, created_at timestamptz)
    ), owned as (
      -- One index lookup per start: as a join, the planner (which cannot see how many starts the
      -- JSON holds) may hash a whole scan of devices instead.
      select asked.* from asked
      cross join lateral (
        select from devices
        where devices.app_id = asked.app_id and devices.id = asked.device_id and devices.user_id = asked.user_id
        limit 1
      ) device
    ), session as (
      insert into sessions (app_id, id, device_id, user_id, started_at)
      select app_id, session_id, device_id, user_id, started_at from owned
      on conflict (app_id, id) do nothing
      returning app_id, id
    ), started as (
      select asked.* from asked join session on session.app_id = asked.app_id and session.id = asked.session_id
    ), summary as (
      update users set
        sessions_count = sessions_count + per_user.sessions,
        first_seen_at = least(first_seen_at, per_user.first_at),
        last_seen_at = greatest(last_seen_at, per_user.last_at),
        updated_at = per_user.updated_at
      from (
        select app_id, user_id, count(*)::int as sessions, min(started_at) as first_at, max(started_at) as last_at,
          max(created_at) as updated_at
        from started group by app_id, user_id
      ) per_user
      where users.app_id = per_user.app_id and users.id = per_user.user_id
    ), seen as (
      update devices set last_seen_at = greatest(last_seen_at, per_device.last_at),
        sessions_with_user = sessions_with_user + per_device.sessions
      from (
        select app_id, device_id, count(*)::int as sessions, max(started_at) as last_at
        from started group by app_id, device_id
      ) per_device
      where devices.app_id = per_device.app_id and devices.id = per_device.device_id
    ), recorded as (
      insert into events (app_id, id, user_id, type, platform, purchase_id, device_id, app_platform_id, payload,
        created_at)
      select app_id, event_id, user_id, 'device.session.start', store, null, device_id, app_platform_id, payload,
        created_at
      from started
    ), queued as (
      -- The outbox, as queueDeliveries writes it for every other event.
      insert into deliveries (app_id, integration_id, event_id, status, next_attempt_at, created_at, updated_at)
      select started.app_id, integrations.id, started.event_id, 'pending', started.created_at, started.created_at,
        started.created_at
      from started
      join integrations on integrations.app_id = started.app_id and integrations.enabled
        and 'device.session.start' = any (integrations.event_types)
        and (integrations.app_platform_id is null or integrations.app_platform_id = started.app_platform_id)
    )
    select asked.position, started.position is not null as started, owned.position is not null as owned
    from asked
    left join started on started.position = asked.position
    left join owned on owned.position = asked.position
  `.execute(deps.db);
  for (const { position, started, owned } of written) {
    const row = rows[position];
    if (!row) {
      continue;
    }
    if (started) {
      results[row.index] = { outcome: 'started', userId: row.userId };
    } else if (owned) {
      results[row.index] = { outcome: 'already_started' };
    } else {
      // The device logged in or out between the read and the write: read again.
      again.push(row.index);
    }
  }
  return again;
}
