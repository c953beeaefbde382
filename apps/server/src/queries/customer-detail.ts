import type { ActiveEntitlement } from '@tollgate/core';
import type { Database, StoreColumn, User } from '@tollgate/db';
import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { customerState } from './customer-state.js';
import type { RevenueRow } from './customers.js';

/** How many of the newest revenue rows and events the detail shows: the rest are a click away. */
const RECENT_ITEMS = 5;
/** A bound on what the detail lists of a user's identifiers and devices: a read never grows without limit. */
const MAX_LISTED = 100;

interface CustomerDevice {
  id: string;
  platform_id: string;
  platform_name: string;
  store: StoreColumn;
  os: string | null;
  os_version: string | null;
  model: string | null;
  language: string | null;
  country: string | null;
  sdk_version: string | null;
  app_version: string | null;
  last_seen_at: Date | null;
}

export interface CustomerDetail {
  user: User;
  externalIds: Array<{ key: string; type: string; value: string }>;
  devices: CustomerDevice[];
  recentRevenue: Array<Omit<RevenueRow, 'cursor_at'>>;
  recentEvents: Array<{ id: string; type: string; created_at: Date }>;
  activeEntitlements: ActiveEntitlement[];
}

/** Timestamps inside JSON arrive as text (`2026-03-01T00:00:00+00:00`): Kysely types them so. */
const at = (text: string) => new Date(text);
const atOrNull = (text: string | null) => (text === null ? null : new Date(text));

/**
 * Everything the customer detail shows: the user's summary row and, in the same statement
 * (one round trip, one snapshot), bounded reads along the per-user indexes; then what the
 * user may access now. Nothing here aggregates the user's history.
 */
export async function readCustomerDetail(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  now: Date,
): Promise<CustomerDetail | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('external_ids')
          .select(['key', 'type', 'value'])
          .whereRef('external_ids.app_id', '=', 'users.app_id')
          .whereRef('external_ids.user_id', '=', 'users.id')
          // The app's own id first, then the stores' purchase ids as they came.
          .orderBy(sql`key = 'external_id'`, 'desc')
          .orderBy('created_at')
          .orderBy('key')
          .orderBy('value')
          .limit(MAX_LISTED),
      ).as('external_ids'),
      jsonArrayFrom(
        eb
          .selectFrom('devices')
          .innerJoin('app_platforms', (join) =>
            join
              .onRef('app_platforms.app_id', '=', 'devices.app_id')
              .onRef('app_platforms.id', '=', 'devices.app_platform_id'),
          )
          .select([
            'devices.id',
            'app_platforms.id as platform_id',
            'app_platforms.name as platform_name',
            'app_platforms.store',
            'devices.os',
            'devices.os_version',
            'devices.model',
            'devices.language',
            'devices.country',
            'devices.sdk_version',
            'devices.app_version',
            'devices.last_seen_at',
          ])
          .whereRef('devices.app_id', '=', 'users.app_id')
          .whereRef('devices.user_id', '=', 'users.id')
          .orderBy(sql`devices.last_seen_at desc nulls last`)
          .orderBy('devices.id', 'desc')
          .limit(MAX_LISTED),
      ).as('devices'),
      jsonArrayFrom(
        eb
          .selectFrom('transactions')
          .select([
            'id',
            'revenue_type',
            'amount_micros',
            'currency',
            'usd_micros',
            'store',
            'environment',
            'sku_ref_id',
            'occurred_at',
          ])
          .whereRef('transactions.app_id', '=', 'users.app_id')
          .whereRef('transactions.user_id', '=', 'users.id')
          .orderBy('occurred_at', 'desc')
          .orderBy('id', 'desc')
          .limit(RECENT_ITEMS),
      ).as('recent_revenue'),
      jsonArrayFrom(
        eb
          .selectFrom('events')
          .select(['id', 'type', 'created_at'])
          .whereRef('events.app_id', '=', 'users.app_id')
          .whereRef('events.user_id', '=', 'users.id')
          .orderBy('id', 'desc')
          .limit(RECENT_ITEMS),
      ).as('recent_events'),
    ])
    .where('users.app_id', '=', appId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { external_ids, devices, recent_revenue, recent_events, ...user } = row;
  const state = await customerState(db, appId, userId, now);
  return {
    user,
    externalIds: external_ids,
    devices: devices.map((device) => ({
      ...device,
      last_seen_at: atOrNull(device.last_seen_at),
    })),
    recentRevenue: recent_revenue.map((revenue) => ({
      ...revenue,
      occurred_at: at(revenue.occurred_at),
    })),
    recentEvents: recent_events.map((event) => ({
      ...event,
      created_at: at(event.created_at),
    })),
    activeEntitlements: state.activeEntitlements,
  };
}
