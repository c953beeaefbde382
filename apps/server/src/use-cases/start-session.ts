import { eventHeader, userFields } from '@tollgate/core';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { SNAPSHOT_FORMAT, type SnapshotInputs, snapshotInputsJson, snapshotOf } from '../queries/customer-state.js';
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
  | { outcome: 'device_not_found' }
  /** A later try failed: the starts that came through before it keep their results. */
  | { outcome: 'failed'; error: unknown };

/** A snapshot of the device's user made here, for the write to check and keep. */
interface MadeSnapshot {
  userId: string;
  /** The versions it was made from, as the statement read them with its inputs. */
  madeFrom: string;
  fields: ReturnType<typeof userFields>;
  madeAt: Date;
  validUntil: Date | null;
}

/** What the statement says of one start. */
interface Written {
  position: number;
  /** The device's user now; null when the device does not exist. */
  user_id: string | null;
  started: boolean;
  /** It had a snapshot to describe its user: written, or found to be a retry. */
  described: boolean;
  /** When not described: what a snapshot of the user is made from, and the versions of that. */
  inputs: SnapshotInputs | null;
  versions: string | null;
}

/**
 * How often a start is tried. The first try reuses the snapshot kept of the user; when that
 * one does not fit, the try answers what a fresh one is made from and the next one brings it;
 * a device changing user meanwhile takes another.
 */
const ATTEMPTS = 4;

/**
 * App sessions start: each counted in its user's App Sessions, the user's and the device's
 * Last Seen moved, and `device.session.start` emitted. The hottest call of the SDK API, so
 * any number of starts take one statement, which writes the sessions, the summaries and the
 * events together, atomically. Events describe their user with the snapshot kept of them when
 * nothing it was made from has changed (the statement checks); otherwise the statement answers
 * what a fresh snapshot is made from and the start is tried again with one.
 * Results come back in the order of the starts.
 */
export async function startSessions(deps: Deps, starts: readonly SessionStart[]): Promise<StartSessionResult[]> {
  const results: Array<StartSessionResult | undefined> = starts.map(() => undefined);
  const made = new Map<number, MadeSnapshot>();
  // The same start twice in one batch (a client's eager retry) is one start: the copy is
  // answered as a retry of it.
  const firstOf = new Map<string, number>();
  const copies = new Map<number, number>();
  let pending: number[] = [];
  for (const [index, start] of starts.entries()) {
    const key = `${start.caller.app_id}/${start.sessionId}/${start.deviceId}`;
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, index);
      pending.push(index);
    } else {
      copies.set(index, first);
    }
  }
  for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
    try {
      pending = await attemptStarts(deps, starts, pending, results, made);
    } catch (error) {
      if (attempt === 1) {
        throw error;
      }
      // Earlier tries committed starts: they keep their results; only these fail.
      for (const index of pending) {
        results[index] = { outcome: 'failed', error };
      }
      pending = [];
    }
  }
  for (const index of pending) {
    const error = new Error(`device ${starts[index]?.deviceId} kept changing user while a session started`);
    results[index] = { outcome: 'failed', error };
  }
  return results.map((result, index) => {
    const first = copies.get(index);
    const answer = first === undefined ? result : results[first];
    if (!answer) {
      throw new Error(`start ${index} was never tried`);
    }
    return first !== undefined && answer.outcome === 'started' ? { outcome: 'already_started' } : answer;
  });
}

/** One statement for the starts at `indexes`; returns those to try again. */
async function attemptStarts(
  deps: Deps,
  starts: readonly SessionStart[],
  indexes: number[],
  results: Array<StartSessionResult | undefined>,
  made: Map<number, MadeSnapshot>,
): Promise<number[]> {
  const now = deps.now();
  const again: number[] = [];
  const trying: number[] = [];
  const inThisWrite = new Set<string>();
  for (const index of indexes) {
    // One session id from two devices at once: the second waits for the next attempt, where
    // it finds the session the first one started.
    const { caller, sessionId } = starts[index] as SessionStart;
    const key = `${caller.app_id}/${sessionId}`;
    if (inThisWrite.has(key)) {
      again.push(index);
    } else {
      inThisWrite.add(key);
      trying.push(index);
    }
  }
  // One JSON parameter rather than arrays: the statement is planned once for every batch size.
  const asked = trying.map((index, position) => {
    const start = starts[index] as SessionStart;
    const startedAt = start.startedAt ?? now;
    const id = deps.newId();
    const snapshot = made.get(index);
    return {
      position,
      app_id: start.caller.app_id,
      app_platform_id: start.caller.id,
      store: start.caller.store,
      device_id: start.deviceId,
      session_id: start.sessionId,
      started_at: startedAt.toISOString(),
      event_id: id,
      created_at: now.toISOString(),
      event: {
        ...eventHeader('device.session.start', { id, at: now, platform: start.caller.store }),
        device_id: start.deviceId,
        session: { id: start.sessionId, started_at: startedAt.toISOString(), ended_at: null },
      },
      made_for: snapshot?.userId ?? null,
      made_from: snapshot?.madeFrom ?? null,
      snapshot: snapshot?.fields ?? null,
      snapshot_made_at: snapshot?.madeAt.toISOString() ?? null,
      snapshot_valid_until: snapshot?.validUntil?.toISOString() ?? null,
    };
  });
  // Each part writes only for starts whose user's snapshot is at hand (kept, or made for the
  // inputs as they are now) and whose session is new. A described start that was not inserted
  // is a retry: the conflict says so, with no lookup in sessions, the fastest-growing table.
  const { rows: written } = await sql<Written>`
    with asked as (
      select * from jsonb_to_recordset(${JSON.stringify(asked)}::jsonb) as asked (position int, app_id uuid,
        app_platform_id uuid, store text, device_id uuid, session_id uuid, started_at timestamptz, event_id uuid,
        created_at timestamptz, event jsonb, made_for uuid, made_from text, snapshot jsonb,
        snapshot_made_at timestamptz, snapshot_valid_until timestamptz)
    ), owner as (
      -- The device's user now, and the versions a snapshot of them is made from. One index
      -- lookup per start: as a join, the planner (which cannot see how many starts the JSON
      -- holds) may hash a whole scan of devices instead.
      select asked.*, device.user_id, ${SNAPSHOT_FORMAT}::text || ':' || device.snapshot_version || ':'
        || device.catalog_version as versions
      from asked
      cross join lateral (
        select devices.user_id, users.snapshot_version, apps.catalog_version from devices
        join users on users.app_id = devices.app_id and users.id = devices.user_id
        join apps on apps.id = devices.app_id
        where devices.app_id = asked.app_id and devices.id = asked.device_id
          and devices.app_platform_id = asked.app_platform_id
        limit 1
      ) device
    ), described as (
      select owner.*, coalesce(fresh.snapshot, kept.snapshot) as user_fields, fresh.snapshot is not null as is_fresh
      from owner
      left join lateral (
        select owner.snapshot where owner.made_for = owner.user_id and owner.made_from = owner.versions
          and owner.snapshot_made_at <= owner.created_at
          and (owner.snapshot_valid_until is null or owner.snapshot_valid_until > owner.created_at)
      ) fresh on true
      left join lateral (
        select user_snapshots.snapshot from user_snapshots
        where user_snapshots.app_id = owner.app_id and user_snapshots.user_id = owner.user_id
          and user_snapshots.made_from = owner.versions and user_snapshots.made_at <= owner.created_at
          and (user_snapshots.valid_until is null or user_snapshots.valid_until > owner.created_at)
        limit 1
      ) kept on true
      where fresh.snapshot is not null or kept.snapshot is not null
    ), kept as (
      insert into user_snapshots (app_id, user_id, made_from, snapshot, made_at, valid_until)
      select distinct on (app_id, user_id) app_id, user_id, made_from, snapshot, snapshot_made_at,
        snapshot_valid_until
      from described where is_fresh
      order by app_id, user_id, position
      on conflict (app_id, user_id) do update set made_from = excluded.made_from, snapshot = excluded.snapshot,
        made_at = excluded.made_at, valid_until = excluded.valid_until
    ), session as (
      insert into sessions (app_id, id, device_id, user_id, started_at)
      select app_id, session_id, device_id, user_id, started_at from described
      on conflict (app_id, id) do nothing
      returning app_id, id
    ), started as (
      select described.* from described
      join session on session.app_id = described.app_id and session.id = described.session_id
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
      select app_id, event_id, user_id, 'device.session.start', store, null, device_id, app_platform_id,
        event || jsonb_build_object('app_id', app_id, 'user_id', user_id) || user_fields, created_at
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
    select asked.position, owner.user_id, started.position is not null as started,
      described.position is not null as described,
      -- Read only for the starts that need a fresh snapshot, in this statement's own view of
      -- the data, which is also the one their versions come from.
      case when described.position is null and owner.user_id is not null
        then ${snapshotInputsJson(sql.ref('owner.app_id'), sql.ref('owner.user_id'))} end as inputs,
      case when described.position is null then owner.versions end as versions
    from asked
    left join owner on owner.position = asked.position
    left join described on described.position = asked.position
    left join started on started.position = asked.position
  `.execute(deps.db);
  for (const row of written) {
    const index = trying[row.position];
    if (index === undefined) {
      continue;
    }
    if (row.user_id === null) {
      results[index] = { outcome: 'device_not_found' };
    } else if (row.started) {
      results[index] = { outcome: 'started', userId: row.user_id };
    } else if (row.described) {
      results[index] = { outcome: 'already_started' };
    } else if (row.inputs !== null && row.versions !== null) {
      // No snapshot of the user that fits what they are now: make one, and try again with it.
      const user = { appId: (starts[index] as SessionStart).caller.app_id, userId: row.user_id };
      const { snapshot, changesAt } = snapshotOf(user, row.inputs, now);
      made.set(index, {
        userId: row.user_id,
        madeFrom: row.versions,
        fields: userFields(snapshot),
        madeAt: now,
        validUntil: changesAt,
      });
      again.push(index);
    }
  }
  // In the starts' order, so that of two starts of one session id the first goes first again.
  return again.sort((a, b) => a - b);
}
