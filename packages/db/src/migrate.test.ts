import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, type TestDatabase, testDriver } from '@tollgate/testkit';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { connect } from './connect.js';
import { MigrationEditedError, migrate, readMigrations } from './migrate.js';

let database: TestDatabase;

beforeEach(async () => {
  database = await openTestDatabase();
});

afterEach(async () => {
  await database.close();
});

function migrationsIn(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'tollgate-migrations-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(directory, name), text);
  }
  return directory;
}

describe('migrate', () => {
  test('a migrated database has nothing left to apply', async () => {
    expect(await migrate(database.db)).toEqual([]);
  });

  test('records every shipped migration with its checksum', async () => {
    const rows = await database.db.selectFrom('tollgate_migrations').select(['version', 'checksum']).execute();

    expect(rows).toEqual(readMigrations().map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  test('applies a new migration once, with several statements in one file', async () => {
    const extra = readMigrations(
      migrationsIn({ '9001_two_tables.sql': 'create table t1 (id int); create table t2 (id int);' }),
    );

    const first = await migrate(database.db, [...readMigrations(), ...extra]);
    const second = await migrate(database.db, [...readMigrations(), ...extra]);

    expect(first).toEqual(['9001_two_tables']);
    expect(second).toEqual([]);
    await expect(sql`select * from t1, t2`.execute(database.db)).resolves.toBeDefined();
  });

  test('refuses to run when an applied migration was edited, and applies nothing', async () => {
    const edited = readMigrations().map((m) => (m.version === 1 ? { ...m, checksum: 'edited' } : m));
    const next = readMigrations(migrationsIn({ '9002_after.sql': 'create table after_edit (id int);' }));

    await expect(migrate(database.db, [...edited, ...next])).rejects.toBeInstanceOf(MigrationEditedError);

    const tables = await sql<{
      n: number;
    }>`select count(*)::int8 as n from pg_tables where tablename = 'after_edit'`.execute(database.db);
    expect(tables.rows[0]?.n).toBe(0);
  });

  test('a failing migration leaves no trace and reports the SQL error', async () => {
    const broken = readMigrations(
      migrationsIn({ '9003_broken.sql': 'create table half_done (id int); select * from missing_table;' }),
    );

    await expect(migrate(database.db, [...readMigrations(), ...broken])).rejects.toThrow(/missing_table/);

    const versions = await database.db.selectFrom('tollgate_migrations').select('version').execute();
    expect(versions.map((v) => v.version)).not.toContain(9003);
    await expect(sql`select * from half_done`.execute(database.db)).rejects.toThrow(/half_done/);
  });

  test.runIf(testDriver() === 'postgres')(
    'two processes migrating at once apply each migration exactly once',
    async () => {
      const url = database.url ?? '';
      const extra = readMigrations(
        migrationsIn({ '9004_slow.sql': 'select pg_sleep(0.3); create table raced (id int);' }),
      );
      const [a, b] = await Promise.all([connect({ driver: 'postgres', url }), connect({ driver: 'postgres', url })]);

      try {
        const results = await Promise.all([
          migrate(a.db, [...readMigrations(), ...extra]),
          migrate(b.db, [...readMigrations(), ...extra]),
        ]);

        expect(results.flat()).toEqual(['9004_slow']);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    },
  );
});
