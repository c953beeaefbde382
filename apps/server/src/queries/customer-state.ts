import {
  type ActiveEntitlement,
  activeEntitlements,
  type CustomerJourneyState,
  customerJourneyState,
  customerStateChangesAt,
  type OwnedPurchase,
  type UserSnapshot,
} from '@tollgate/core';
import type { Database, Purchase, StoreColumn } from '@tollgate/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { purchaseStateOf } from './purchase-state.js';

/**
 * Whose state to read: a user, or a device of an app platform (the user it belongs to now,
 * found by the same statement: the SDK's calls know only the device).
 */
type Whose = { appId: string; userId: string } | { appId: string; deviceId: string; appPlatformId: string };

/** A row that came back inside JSON: its timestamps are ISO strings. */
type FromJson<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type PurchaseWithGrants = FromJson<Purchase> & {
  grants: Array<{ entitlement_ref_id: string; name: string; description: string }>;
};

/** Everything a user snapshot is made from, as `snapshotInputsJson` reads it. */
export interface SnapshotInputs {
  purchases: PurchaseWithGrants[];
  devices: Array<{ id: string; platform_id: string; name: string; store: StoreColumn; marketplace_app_id: string }>;
  external_ids: Array<{ key: string; type: string; value: string }>;
}

/**
 * The version of how a snapshot is made from its inputs, part of what every kept snapshot
 * says it was made from: change it with anything that makes a different snapshot from the
 * same inputs (`snapshotOf`, `purchaseStateOf`, core's customer state), and every kept one
 * is a miss.
 */
export const SNAPSHOT_FORMAT = 'v1';

interface SnapshotRow {
  user_id: string | null;
  inputs: SnapshotInputs;
}

/**
 * A user's purchases that can still grant something, each with what its SKU grants, as one
 * JSON array: the part of a statement that says what the user may access.
 */
export function purchasesJson(
  appId: RawBuilder<unknown>,
  userId: RawBuilder<unknown>,
): RawBuilder<PurchaseWithGrants[]> {
  return sql<PurchaseWithGrants[]>`(select coalesce(json_agg(p), '[]') from (
        select purchases.*,
          (select coalesce(json_agg(g order by g.entitlement_ref_id), '[]') from (
            select entitlements.entitlement_ref_id, entitlements.name, entitlements.description
            from products
            join product_entitlements on product_entitlements.app_id = products.app_id
              and product_entitlements.product_id = products.id
            join entitlements on entitlements.app_id = product_entitlements.app_id
              and entitlements.id = product_entitlements.entitlement_id
            where products.app_id = purchases.app_id and products.app_platform_id = purchases.app_platform_id
              and products.sku_ref_id = purchases.sku_ref_id
          ) g) as grants
        from purchases
        where purchases.app_id = ${appId} and purchases.user_id = ${userId}
          and purchases.replaced_by_purchase_id is null
      ) p)`;
}

/**
 * Everything a user snapshot is made from, as one JSON value: the user's purchases that can
 * still grant something, their devices and their external ids. Triggers bump the user's
 * `snapshot_version` (or the app's `catalog_version`) when any of it changes.
 */
export function snapshotInputsJson(
  appId: RawBuilder<unknown>,
  userId: RawBuilder<unknown>,
): RawBuilder<SnapshotInputs> {
  return sql<SnapshotInputs>`json_build_object(
      'purchases', ${purchasesJson(appId, userId)},
      'devices', (select coalesce(json_agg(d order by d.id), '[]') from (
        select devices.id, app_platforms.id as platform_id, app_platforms.name, app_platforms.store,
          app_platforms.marketplace_app_id
        from devices
        join app_platforms on app_platforms.app_id = devices.app_id and app_platforms.id = devices.app_platform_id
        where devices.app_id = ${appId} and devices.user_id = ${userId}
      ) d),
      'external_ids', (select coalesce(json_agg(x order by x.created_at, x.key), '[]') from (
        select key, type, value, created_at from external_ids
        where external_ids.app_id = ${appId} and external_ids.user_id = ${userId}
      ) x)
    )`;
}

/**
 * Everyone's snapshot inputs in one statement, in the order asked. Batched so that a burst of
 * SDK calls costs one round trip, not one each.
 */
async function snapshotRows(db: Kysely<Database>, whose: readonly Whose[]): Promise<SnapshotRow[]> {
  // JSON rather than arrays: the planner cannot see how many rows it holds, so it plans the
  // statement once for all sizes (a prepared generic plan) instead of once per call.
  const asked = whose.map((one, position) => ({
    position,
    app_id: one.appId,
    user_id: 'userId' in one ? one.userId : null,
    device_id: 'deviceId' in one ? one.deviceId : null,
    app_platform_id: 'deviceId' in one ? one.appPlatformId : null,
  }));
  const { rows } = await sql<SnapshotRow>`
    select owner.user_id, ${snapshotInputsJson(sql.ref('asked.app_id'), sql.ref('owner.user_id'))} as inputs
    from jsonb_to_recordset(${JSON.stringify(asked)}::jsonb)
      as asked (position int, app_id uuid, user_id uuid, device_id uuid, app_platform_id uuid)
    cross join lateral (
      select coalesce(asked.user_id, (
        select devices.user_id from devices
        where devices.app_id = asked.app_id and devices.id = asked.device_id
          and devices.app_platform_id = asked.app_platform_id
      )) as user_id
    ) owner
    order by asked.position
  `.execute(db);
  return rows;
}

function owned(rows: readonly PurchaseWithGrants[]): OwnedPurchase[] {
  const at = (value: string | null) => (value === null ? null : new Date(value));
  return rows.map((row) => ({
    state: purchaseStateOf({
      ...row,
      created_at: new Date(row.created_at),
      updated_at: new Date(row.updated_at),
      last_verified_at: new Date(row.last_verified_at),
      purchased_at: new Date(row.purchased_at),
      observed_at: new Date(row.observed_at),
      period_start: at(row.period_start),
      expires_at: at(row.expires_at),
      grace_period_ends_at: at(row.grace_period_ends_at),
      resumes_at: at(row.resumes_at),
      acknowledge_due_at: at(row.acknowledge_due_at),
    }),
    grants: row.grants.map((grant) => ({
      entitlementRefId: grant.entitlement_ref_id,
      name: grant.name,
      description: grant.description,
    })),
    lastVerifiedAt: new Date(row.last_verified_at),
  }));
}

/**
 * The user as events describe them at `now`, made from what `snapshotInputsJson` read, and
 * the first instant after `now` when time alone changes it (null: none ahead).
 */
export function snapshotOf(
  user: { appId: string; userId: string },
  inputs: SnapshotInputs,
  now: Date,
): { snapshot: UserSnapshot; changesAt: Date | null } {
  const purchases = owned(inputs.purchases);
  return {
    snapshot: {
      ...user,
      activeEntitlements: activeEntitlements(purchases, now),
      journey: customerJourneyState(purchases, now),
      devices: inputs.devices.map((device) => ({
        id: device.id,
        platform: {
          id: device.platform_id,
          name: device.name,
          platform_type: device.store,
          marketplace_app_id: device.marketplace_app_id,
        },
      })),
      externalIds: inputs.external_ids.map(({ key, type, value }) => ({ key, type, value })),
    },
    changesAt: customerStateChangesAt(purchases, now),
  };
}

/** Each one as events describe them, in the order asked; null for a device that does not exist. */
async function userSnapshots(
  db: Kysely<Database>,
  whose: readonly Whose[],
  now: Date,
): Promise<Array<UserSnapshot | null>> {
  const rows = await snapshotRows(db, whose);
  return rows.map(({ user_id, inputs }, index) =>
    user_id === null ? null : snapshotOf({ appId: whose[index]?.appId ?? '', userId: user_id }, inputs, now).snapshot,
  );
}

/** The user as every event describes them, read in one round trip. */
export async function userSnapshot(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  now: Date,
): Promise<UserSnapshot> {
  const [snapshot] = await userSnapshots(db, [{ appId, userId }], now);
  if (!snapshot) {
    throw new Error(`no snapshot of user ${userId}`);
  }
  return snapshot;
}

/** The user a device of this app platform belongs to now, as events describe them; null without the device. */
export async function deviceUserSnapshot(
  db: Kysely<Database>,
  device: { appId: string; appPlatformId: string; deviceId: string },
  now: Date,
): Promise<UserSnapshot | null> {
  const [snapshot] = await userSnapshots(db, [device], now);
  return snapshot ?? null;
}

export interface CustomerState {
  activeEntitlements: ActiveEntitlement[];
  journey: CustomerJourneyState;
}

/** What purchases read by `purchasesJson` give access to now, and the journey they make. */
export function stateOfPurchases(rows: readonly PurchaseWithGrants[], now: Date): CustomerState {
  const purchases = owned(rows);
  return { activeEntitlements: activeEntitlements(purchases, now), journey: customerJourneyState(purchases, now) };
}

/** What the user may access now, and where they are in their journey. */
export async function customerState(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  now: Date,
): Promise<CustomerState> {
  const { activeEntitlements, journey } = await userSnapshot(db, appId, userId, now);
  return { activeEntitlements, journey };
}
