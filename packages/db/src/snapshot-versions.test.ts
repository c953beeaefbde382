import { openTestDatabase, type TestDatabase } from '@tollgate/testkit';
import { type RawBuilder, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

/**
 * Kept user snapshots are trusted while the versions they were made from are current: every
 * write to what a snapshot is made from must bump them, whichever code makes it.
 */

const APP = '00000000-0000-7000-8000-00000000000a';
const PLATFORM = '00000000-0000-7000-8000-0000000000b1';
const [ANN, BOB] = ['00000000-0000-7000-8000-0000000000a1', '00000000-0000-7000-8000-0000000000a2'];
const [PHONE, TABLET] = ['00000000-0000-7000-8000-0000000000d1', '00000000-0000-7000-8000-0000000000d2'];
const PURCHASE = '00000000-0000-7000-8000-0000000000c1';
const [ENTITLEMENT, PRODUCT] = ['00000000-0000-7000-8000-0000000000e1', '00000000-0000-7000-8000-0000000000f1'];

let database: TestDatabase;

beforeEach(async () => {
  database = await openTestDatabase();
  await run(
    sql`insert into organizations (id, name, created_at) values (${APP}, 'Org', now())`,
    sql`insert into apps (id, org_id, name, created_at, updated_at) values (${APP}, ${APP}, 'App', now(), now())`,
    sql`insert into app_platforms (app_id, id, name, store, marketplace_app_id, environment, sdk_key, created_at, updated_at)
      values (${APP}, ${PLATFORM}, 'iOS', 'apple', 'com.example', 'production', 'tgp_versions', now(), now())`,
    sql`insert into users (app_id, id, created_at, updated_at) values (${APP}, ${ANN}, now(), now()), (${APP}, ${BOB}, now(), now())`,
    sql`insert into devices (app_id, id, app_platform_id, user_id, created_at, updated_at)
      values (${APP}, ${PHONE}, ${PLATFORM}, ${ANN}, now(), now())`,
  );
});

afterEach(async () => {
  await database.close();
});

async function run(...statements: RawBuilder<unknown>[]): Promise<void> {
  for (const statement of statements) {
    await statement.execute(database.db);
  }
}

/** How much each version moved while `change` ran. */
async function bumps(change: () => Promise<void>): Promise<{ ann: number; bob: number; catalog: number }> {
  const read = async () => {
    const users = await database.db.selectFrom('users').select(['id', 'snapshot_version']).execute();
    const app = await database.db.selectFrom('apps').select('catalog_version').executeTakeFirstOrThrow();
    const of = (id: string) => Number(users.find((user) => user.id === id)?.snapshot_version);
    return { ann: of(ANN), bob: of(BOB), catalog: Number(app.catalog_version) };
  };
  const before = await read();
  await change();
  const after = await read();
  return { ann: after.ann - before.ann, bob: after.bob - before.bob, catalog: after.catalog - before.catalog };
}

const aPurchaseOf = (userId: string) =>
  sql`insert into purchases (app_id, id, app_platform_id, user_id, store, environment, store_purchase_id, sku_ref_id,
      product_type, status, period_kind, purchased_at, auto_renew, observed_at, last_verified_at, created_at, updated_at)
    values (${APP}, ${PURCHASE}, ${PLATFORM}, ${userId}, 'apple', 'production', 'otid-1', 'monthly', 'subscription',
      'active', 'normal', now(), true, now(), now(), now(), now())`;

describe('a user’s snapshot version', () => {
  test('moves when one of their purchases is made, changes, moves to another user or goes, not for bookkeeping', async () => {
    expect(await bumps(() => run(aPurchaseOf(ANN)))).toEqual({ ann: 1, bob: 0, catalog: 0 });
    expect(await bumps(() => run(sql`update purchases set status = 'expired'`))).toEqual({
      ann: 1,
      bob: 0,
      catalog: 0,
    });
    // The acknowledgement worker's bookkeeping, which no snapshot reads.
    expect(await bumps(() => run(sql`update purchases set acknowledge_due_at = now()`))).toEqual({
      ann: 0,
      bob: 0,
      catalog: 0,
    });
    expect(await bumps(() => run(sql`update purchases set user_id = ${BOB}`))).toEqual({ ann: 1, bob: 1, catalog: 0 });
    expect(await bumps(() => run(sql`delete from purchases`))).toEqual({ ann: 0, bob: 1, catalog: 0 });
  });

  test('moves once per statement however many of their external ids it writes', async () => {
    const twoIds = sql`insert into external_ids (app_id, key, value, type, user_id, created_at)
      values (${APP}, 'external_id', 'member-1', 'string', ${ANN}, now()), (${APP}, 'crm', 'c-1', 'string', ${ANN}, now())`;

    expect(await bumps(() => run(twoIds))).toEqual({ ann: 1, bob: 0, catalog: 0 });
    expect(await bumps(() => run(sql`update external_ids set user_id = ${BOB} where key = 'crm'`))).toEqual({
      ann: 1,
      bob: 1,
      catalog: 0,
    });
    expect(await bumps(() => run(sql`delete from external_ids where user_id = ${ANN}`))).toEqual({
      ann: 1,
      bob: 0,
      catalog: 0,
    });
  });

  test('moves when a device joins, leaves or changes hands, and not when it is only seen', async () => {
    const tablet = sql`insert into devices (app_id, id, app_platform_id, user_id, created_at, updated_at)
      values (${APP}, ${TABLET}, ${PLATFORM}, ${BOB}, now(), now())`;

    expect(await bumps(() => run(tablet))).toEqual({ ann: 0, bob: 1, catalog: 0 });
    expect(
      await bumps(() => run(sql`update devices set last_seen_at = now(), sessions_with_user = sessions_with_user + 1`)),
    ).toEqual({ ann: 0, bob: 0, catalog: 0 });
    expect(await bumps(() => run(sql`update devices set user_id = ${BOB}, os = 'ios' where id = ${PHONE}`))).toEqual({
      ann: 1,
      bob: 1,
      catalog: 0,
    });
    expect(
      await bumps(() => run(sql`update devices set user_id = ${BOB}, model = 'iPhone' where id = ${PHONE}`)),
    ).toEqual({
      ann: 0,
      bob: 0,
      catalog: 0,
    });
    expect(await bumps(() => run(sql`delete from devices where id = ${TABLET}`))).toEqual({
      ann: 0,
      bob: 1,
      catalog: 0,
    });
  });
});

describe('an app’s catalog version', () => {
  test('moves with every change to its entitlements, products, what they grant and its platforms', async () => {
    const changes = [
      sql`insert into entitlements (app_id, id, entitlement_ref_id, name, description, created_at, updated_at)
        values (${APP}, ${ENTITLEMENT}, 'premium', 'Premium', '', now(), now())`,
      sql`update entitlements set name = 'Premium+'`,
      sql`insert into products (app_id, id, app_platform_id, sku_ref_id, name, type, created_at, updated_at)
        values (${APP}, ${PRODUCT}, ${PLATFORM}, 'monthly', 'Monthly', 'subscription', now(), now())`,
      sql`update products set name = 'Monthly plan'`,
      sql`insert into product_entitlements (app_id, product_id, entitlement_id) values (${APP}, ${PRODUCT}, ${ENTITLEMENT})`,
      sql`delete from product_entitlements`,
      sql`update app_platforms set name = 'App Store'`,
    ];
    for (const change of changes) {
      expect(await bumps(() => run(change))).toEqual({ ann: 0, bob: 0, catalog: 1 });
    }
  });
});
