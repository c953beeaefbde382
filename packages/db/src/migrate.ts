import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** Any fixed number: every Tollgate process takes the same advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 7_405_210_417;

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationEditedError extends Error {
  constructor(version: number, name: string) {
    super(
      `Migration ${version} (${name}) differs from the one this database applied. ` +
        'Applied migrations are frozen: add a new migration instead of editing one.',
    );
    this.name = 'MigrationEditedError';
  }
}

// Resolved through the package, not this file, so that it also holds inside a bundle.
const migrationsDirectory = join(
  dirname(createRequire(import.meta.url).resolve('@tollgate/db/package.json')),
  'migrations',
);

export function readMigrations(directory = migrationsDirectory): MigrationFile[] {
  return readdirSync(directory)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(directory, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/**
 * Applies the migrations this database has not seen, each in its own transaction, and
 * returns their names. Safe to run from several processes at once: they queue on a
 * session advisory lock, and the later ones find nothing left to do.
 */
export async function migrate(db: Kysely<Database>, migrations = readMigrations()): Promise<string[]> {
  return db.connection().execute(async (session) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(session);
    try {
      await sql`
        create table if not exists tollgate_migrations (
          version integer primary key,
          name text not null,
          checksum text not null,
          applied_at timestamptz not null
        )`.execute(session);
      const applied = new Map(
        (await session.selectFrom('tollgate_migrations').select(['version', 'checksum']).execute()).map((row) => [
          row.version,
          row.checksum,
        ]),
      );
      const names: string[] = [];
      for (const migration of migrations) {
        const checksum = applied.get(migration.version);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new MigrationEditedError(migration.version, migration.name);
          }
          continue;
        }
        await session.transaction().execute(async (trx) => {
          await sql.raw(migration.sql).execute(trx);
          await trx
            .insertInto('tollgate_migrations')
            .values({
              version: migration.version,
              name: migration.name,
              checksum: migration.checksum,
              applied_at: new Date(),
            })
            .execute();
        });
        names.push(`${String(migration.version).padStart(4, '0')}_${migration.name}`);
      }
      return names;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(session);
    }
  });
}
