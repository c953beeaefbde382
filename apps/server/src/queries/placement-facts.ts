import type { Database } from '@tollgate/db';
import { type Kysely, sql } from 'kysely';
import { type PurchaseWithGrants, purchasesJson } from './customer-state.js';

export interface PlacementAsk {
  appId: string;
  appPlatformId: string;
  deviceId: string;
}

/** What a placement's rules are checked against, read with the app's revision of its paywalls. */
export interface PlacementFactsRow {
  /** Null when the device does not exist on this app platform (or the app no longer does). */
  user_id: string | null;
  language: string | null;
  country: string | null;
  app_version: string | null;
  first_seen_at: Date | string | null;
  sessions_count: number | null;
  paywalls_revision: number;
  purchases: PurchaseWithGrants[];
}

/**
 * Each device's user and the facts campaigns test, in the order asked (one row per ask, always: the
 * batch hands row n to ask n), in one statement:
 * under load, one round trip serves a burst of devices asking for their paywalls.
 */
export async function placementFacts(
  db: Kysely<Database>,
  asks: readonly PlacementAsk[],
): Promise<PlacementFactsRow[]> {
  const asked = asks.map((ask, position) => ({
    position,
    app_id: ask.appId,
    device_id: ask.deviceId,
    app_platform_id: ask.appPlatformId,
  }));
  const { rows } = await sql<PlacementFactsRow>`
    select devices.user_id, devices.language, devices.country, devices.app_version,
      users.first_seen_at, users.sessions_count, coalesce(apps.paywalls_revision, 0) as paywalls_revision,
      ${purchasesJson(sql.ref('devices.app_id'), sql.ref('devices.user_id'))} as purchases
    from jsonb_to_recordset(${JSON.stringify(asked)}::jsonb)
      as asked (position int, app_id uuid, device_id uuid, app_platform_id uuid)
    left join apps on apps.id = asked.app_id
    left join devices on devices.app_id = asked.app_id and devices.id = asked.device_id
      and devices.app_platform_id = asked.app_platform_id
    left join users on users.app_id = devices.app_id and users.id = devices.user_id
    order by asked.position
  `.execute(db);
  return rows;
}

/** A device of the app, on whichever of its platforms: what an operator's explanation starts from. */
export function deviceOfApp(db: Kysely<Database>, appId: string, deviceId: string) {
  return db
    .selectFrom('devices')
    .innerJoin('app_platforms', (join) =>
      join
        .onRef('app_platforms.app_id', '=', 'devices.app_id')
        .onRef('app_platforms.id', '=', 'devices.app_platform_id'),
    )
    .select(['devices.app_platform_id', 'app_platforms.store'])
    .where('devices.app_id', '=', appId)
    .where('devices.id', '=', deviceId)
    .executeTakeFirst();
}
