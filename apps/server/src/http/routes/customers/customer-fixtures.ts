import type { StoreColumn } from '@tollgate/db';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ApiClient, TestServer } from '../../../testing/test-server.js';

/**
 * Customers for the customers API's tests. Users, devices and sessions are written straight
 * into the database, with the summary columns set as the SDK's register-device, login and
 * session calls keep them (users.platforms, sessions_count, first/last_seen_at, external_id):
 * the SDK API is being written alongside, and these tests are about reading, not about it.
 */

/** A user as the SDK's login leaves it: the app's external id linked and shown; updated at `updatedAt`. */
export async function aUser(
  server: TestServer,
  appId: string,
  options: { updatedAt: Date | string; externalId?: string },
): Promise<string> {
  const id = uuidv7();
  const updatedAt =
    typeof options.updatedAt === 'string' ? sql<Date>`cast(${options.updatedAt} as timestamptz)` : options.updatedAt;
  await server.database.db
    .insertInto('users')
    .values({
      app_id: appId,
      id,
      created_at: new Date('2026-01-01T00:00:00Z'),
      updated_at: updatedAt,
      external_id: options.externalId ?? null,
    })
    .execute();
  if (options.externalId !== undefined) {
    await server.database.db
      .insertInto('external_ids')
      .values({
        app_id: appId,
        key: 'external_id',
        type: 'external_id',
        value: options.externalId,
        user_id: id,
        created_at: new Date('2026-01-01T00:00:00Z'),
      })
      .execute();
  }
  return id;
}

export interface DeviceOptions {
  appId: string;
  appPlatformId: string;
  userId: string;
  /** Sessions the device has had: counted in the user's App Sessions. */
  sessions?: number;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
  info?: {
    os?: string;
    os_version?: string;
    model?: string;
    language?: string;
    country?: string;
    sdk_version?: string;
    app_version?: string;
  };
}

/** A device of the user, and the user's summary as the SDK's calls would leave it. */
export async function aDevice(server: TestServer, options: DeviceOptions): Promise<string> {
  const db = server.database.db;
  const id = uuidv7();
  const sessions = options.sessions ?? 0;
  await db
    .insertInto('devices')
    .values({
      app_id: options.appId,
      id,
      app_platform_id: options.appPlatformId,
      user_id: options.userId,
      ...options.info,
      last_seen_at: options.lastSeenAt ?? null,
      created_at: new Date('2026-01-01T00:00:00Z'),
      updated_at: new Date('2026-01-01T00:00:00Z'),
    })
    .execute();
  await db
    .updateTable('users')
    .set((eb) => ({
      sessions_count: eb('sessions_count', '+', sessions),
      platforms: sql<StoreColumn[]>`coalesce((
        select array_agg(distinct p.store order by p.store)
        from devices d join app_platforms p on p.app_id = d.app_id and p.id = d.app_platform_id
        where d.app_id = users.app_id and d.user_id = users.id
      ), '{}')`,
      first_seen_at: sql<Date>`least(first_seen_at, ${options.firstSeenAt ?? options.lastSeenAt ?? null}::timestamptz)`,
      last_seen_at: sql<Date>`greatest(last_seen_at, ${options.lastSeenAt ?? null}::timestamptz)`,
    }))
    .where('app_id', '=', options.appId)
    .where('id', '=', options.userId)
    .execute();
  return id;
}

export interface TestPurchase {
  purchase_id: string;
  user_id: string;
  store_purchase_id: string;
  events: Array<{ id: string; type: string }>;
}

/** A test-store purchase through the public API: the engine makes the user (with no device) and its revenue. */
export async function aTestPurchase(
  client: ApiClient,
  appId: string,
  body: { app_platform_id: string; sku_ref_id: string; [field: string]: unknown },
): Promise<TestPurchase> {
  const response = await client.post(`/api/v1/apps/${appId}/test-store/purchases`, body);
  if (response.statusCode !== 201) {
    throw new Error(`expected 201 Created, got ${response.statusCode}: ${response.body}`);
  }
  return response.json();
}

/** One step of a test-store purchase's life (renew, cancel…): the engine updates the user. */
export async function aStep(
  client: ApiClient,
  appId: string,
  purchaseId: string,
  body: { action: string; [field: string]: unknown },
): Promise<void> {
  const response = await client.post(`/api/v1/apps/${appId}/test-store/purchases/${purchaseId}/actions`, body);
  if (response.statusCode !== 200) {
    throw new Error(`expected 200 OK, got ${response.statusCode}: ${response.body}`);
  }
}
