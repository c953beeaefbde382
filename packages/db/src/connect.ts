import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDirectory } from './directory-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { preparingPool } from './prepared-statements.js';
import type { Database } from './schema.js';
import { DATE_OID, INT8_OID, parseDate, parseInt8 } from './type-parsers.js';

export type Driver = 'postgres' | 'pglite';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly driver: Driver;
  /** True when the database answers a trivial query. */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

export type ConnectOptions =
  | { driver: 'postgres'; url: string; poolSize?: number }
  /**
   * `dataDir` undefined keeps the database in memory (tests, benchmarks); `snapshot`
   * starts it from a `dumpDataDir()` tarball instead of an empty cluster.
   */
  | { driver: 'pglite'; dataDir?: string; snapshot?: Blob };

export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  return options.driver === 'postgres'
    ? connectPostgres(options.url, options.poolSize ?? 10)
    : connectPGlite(options.dataDir, options.snapshot);
}

function connectPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: 'tollgate',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8_OID) {
          return parseInt8;
        }
        if (oid === DATE_OID) {
          return parseDate;
        }
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  return handle(
    new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) }),
    'postgres',
    async () => {},
  );
}

async function connectPGlite(dataDir: string | undefined, snapshot: Blob | undefined): Promise<DatabaseHandle> {
  let unlock = () => {};
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDirectory(dataDir);
  }
  try {
    const pglite = await PGlite.create({
      ...(dataDir === undefined ? {} : { dataDir: join(dataDir, 'pgdata') }),
      ...(snapshot === undefined ? {} : { loadDataDir: snapshot }),
      parsers: { [pgliteTypes.INT8]: parseInt8, [pgliteTypes.DATE]: parseDate },
    });
    return handle(new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), 'pglite', async () => {
      await pglite.close();
      unlock();
    });
  } catch (error) {
    unlock();
    throw error;
  }
}

function handle(db: Kysely<Database>, driver: Driver, afterDestroy: () => Promise<void>): DatabaseHandle {
  return {
    db,
    driver,
    async isReachable() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        // Unreachable is the answer the caller asked for, not a failure of this call.
        return false;
      }
    },
    async close() {
      await db.destroy();
      await afterDestroy();
    },
  };
}

/** A tarball of a migrated, empty embedded database, to start many copies from quickly. */
export async function migratedPGliteSnapshot(migrateDb: (db: Kysely<Database>) => Promise<unknown>): Promise<Blob> {
  const pglite = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  try {
    await migrateDb(db);
    return await pglite.dumpDataDir('none');
  } finally {
    await db.destroy();
    await pglite.close();
  }
}
