import { createEmptyDatabase, testDriver } from '@tollgate/testkit';
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { connect, type DatabaseHandle } from './connect.js';
import { migrate, readMigrations } from './migrate.js';

/** What upgrading keeps: data written before a migration, read after it. */

let database: DatabaseHandle | null = null;
let drop = async () => {};

afterEach(async () => {
  await database?.close();
  await drop();
  database = null;
});

/** An empty database of this run's driver, migrated up to (not including) `version`. */
async function migratedBefore(version: number): Promise<DatabaseHandle> {
  if (testDriver() === 'pglite') {
    database = await connect({ driver: 'pglite' });
  } else {
    const scratch = await createEmptyDatabase();
    drop = scratch.drop;
    database = await connect({ driver: 'postgres', url: scratch.url, poolSize: 2 });
  }
  await migrate(
    database.db,
    readMigrations().filter((migration) => migration.version < version),
  );
  return database;
}

const APP = '00000000-0000-7000-8000-00000000000a';
const PLATFORM = '00000000-0000-7000-8000-0000000000b1';
const [ANN, BOB] = ['00000000-0000-7000-8000-0000000000a1', '00000000-0000-7000-8000-0000000000a2'];
const [PHONE, TABLET] = ['00000000-0000-7000-8000-0000000000d1', '00000000-0000-7000-8000-0000000000d2'];

describe('0007: sessions follow login', () => {
  test('counts, per device, the sessions it started for the user it belongs to now', async () => {
    const { db } = await migratedBefore(7);
    for (const statement of [
      sql`insert into organizations (id, name, created_at) values (${APP}, 'Org', now())`,
      sql`insert into apps (id, org_id, name, created_at, updated_at) values (${APP}, ${APP}, 'App', now(), now())`,
      sql`insert into app_platforms (app_id, id, name, store, marketplace_app_id, environment, sdk_key, created_at, updated_at)
        values (${APP}, ${PLATFORM}, 'iOS', 'apple', 'com.example', 'production', 'tgp_backfill', now(), now())`,
      sql`insert into users (app_id, id, created_at, updated_at) values (${APP}, ${ANN}, now(), now()), (${APP}, ${BOB}, now(), now())`,
      sql`insert into devices (app_id, id, app_platform_id, user_id, created_at, updated_at)
        values (${APP}, ${PHONE}, ${PLATFORM}, ${BOB}, now(), now()), (${APP}, ${TABLET}, ${PLATFORM}, ${ANN}, now(), now())`,
      // The phone was Ann's before Bob signed in on it: one session for her, two for him.
      sql`insert into sessions (app_id, id, device_id, user_id, started_at) values
        (${APP}, gen_random_uuid(), ${PHONE}, ${ANN}, now()),
        (${APP}, gen_random_uuid(), ${PHONE}, ${BOB}, now()),
        (${APP}, gen_random_uuid(), ${PHONE}, ${BOB}, now()),
        (${APP}, gen_random_uuid(), ${TABLET}, ${ANN}, now())`,
    ]) {
      await statement.execute(db);
    }

    await migrate(db, readMigrations());

    const devices = await db.selectFrom('devices').select(['id', 'sessions_with_user']).orderBy('id').execute();
    expect(devices).toEqual([
      { id: PHONE, sessions_with_user: 2 },
      { id: TABLET, sessions_with_user: 1 },
    ]);
  });
});
