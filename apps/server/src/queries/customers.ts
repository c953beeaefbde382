import type { Database, StoreColumn, Transaction, User } from '@tollgate/db';
import { type Kysely, sql } from 'kysely';
import type { PageRequest } from './page.js';
import { before, exactTime, type TimeKeysetPage } from './time-keyset.js';

/** The customers list's filters: each optional, all applied together (AND). */
export interface CustomerFilter {
  /** The app's own id for the user: the external id with key `external_id`. */
  externalId?: string | undefined;
  deviceId?: string | undefined;
  userId?: string | undefined;
  /** The user has a device on this store. */
  platform?: StoreColumn | undefined;
}

export type CustomerRow = Pick<
  User,
  'id' | 'external_id' | 'last_seen_at' | 'sessions_count' | 'platforms' | 'updated_at'
> & {
  /** updated_at to the microsecond: the cursor's key. */
  cursor_at: string;
};

/**
 * The app's users, most recently updated first, read from their summary rows along
 * `users_recently_updated_idx` (or, filtered by platform, that platform's partial index).
 */
export function listCustomers(
  db: Kysely<Database>,
  appId: string,
  filter: CustomerFilter,
  page: TimeKeysetPage,
): Promise<CustomerRow[]> {
  const { externalId, deviceId, userId, platform } = filter;
  let query = db
    .selectFrom('users')
    .select(['id', 'external_id', 'last_seen_at', 'sessions_count', 'platforms', 'updated_at'])
    .select(exactTime('users.updated_at').as('cursor_at'))
    .where('app_id', '=', appId);
  if (userId !== undefined) {
    query = query.where('id', '=', userId);
  }
  if (externalId !== undefined) {
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('external_ids')
        .select('user_id')
        .where('app_id', '=', appId)
        .where('key', '=', 'external_id')
        .where('value', '=', externalId),
    );
  }
  if (deviceId !== undefined) {
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('devices').select('user_id').where('app_id', '=', appId).where('id', '=', deviceId),
    );
  }
  if (platform !== undefined) {
    // A literal, not a parameter: the planner must see `'apple' = any(platforms)` to pick the
    // partial index users_recently_updated_apple_idx, whatever the plan cache does. The value
    // is one of three store names, checked before it gets here.
    query = query.where(sql<boolean>`${sql.lit(platform)} = any(platforms)`);
  }
  if (page.after !== null) {
    query = query.where(before('users.updated_at', 'users.id', page.after));
  }
  return query
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** The user, if the app has it: a user of another app is as good as missing. */
export function findCustomer(db: Kysely<Database>, appId: string, userId: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('app_id', '=', appId).where('id', '=', userId).executeTakeFirst();
}

export type RevenueRow = Pick<
  Transaction,
  | 'id'
  | 'revenue_type'
  | 'amount_micros'
  | 'currency'
  | 'usd_micros'
  | 'store'
  | 'environment'
  | 'sku_ref_id'
  | 'occurred_at'
> & { cursor_at: string };

/** The user's revenue, newest first, along `transactions_user_idx`. */
export function listCustomerRevenue(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  page: TimeKeysetPage,
): Promise<RevenueRow[]> {
  let query = db
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
    .select(exactTime('transactions.occurred_at').as('cursor_at'))
    .where('app_id', '=', appId)
    .where('user_id', '=', userId);
  if (page.after !== null) {
    query = query.where(before('transactions.occurred_at', 'transactions.id', page.after));
  }
  return query
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export interface EventRow {
  id: string;
  type: string;
  platform: StoreColumn;
  payload: unknown;
  created_at: Date;
}

/** The user's events, newest first (ids are UUIDv7: time-ordered), along `events_user_idx`. */
export function listCustomerEvents(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  page: PageRequest,
): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .select(['id', 'type', 'platform', 'payload', 'created_at'])
    .where('app_id', '=', appId)
    .where('user_id', '=', userId)
    .where('id', '<', page.after)
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** One of the user's events: another user's event is as good as missing. */
export function findCustomerEvent(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  eventId: string,
): Promise<EventRow | undefined> {
  return db
    .selectFrom('events')
    .select(['id', 'type', 'platform', 'payload', 'created_at'])
    .where('app_id', '=', appId)
    .where('id', '=', eventId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
