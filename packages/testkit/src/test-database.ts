import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type DatabaseHandle, type Driver } from '@tollgate/db';
import type pg from 'pg';
import { inject } from 'vitest';
import { withAdminClient } from './postgres-admin.js';

declare module 'vitest' {
  interface ProvidedContext {
    testDriver: Driver;
    /** Set on the postgres project: the server's maintenance database. */
    postgresAdminUrl: string;
    /** Set on the pglite project: a tarball of a migrated database. */
    pgliteSnapshotPath: string;
  }
}

export const TEMPLATE_DATABASE = 'tollgate_template';

export interface TestDatabase extends DatabaseHandle {
  /** For a child process: DATABASE_URL on PostgreSQL, undefined on PGlite. */
  readonly url: string | undefined;
}

/** The driver this test run is for: each database suite runs once per driver. */
export function testDriver(): Driver {
  return inject('testDriver');
}

/**
 * A migrated database of this file's own: on PostgreSQL a clone of the template
 * database, on PGlite a copy of the migrated snapshot. Close it when done.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDriver() === 'pglite') {
    const snapshot = new Blob([readFileSync(inject('pgliteSnapshotPath'))]);
    return { ...(await connect({ driver: 'pglite', snapshot })), url: undefined };
  }
  const clone = await cloneTemplateDatabase();
  const handle = await connect({ driver: 'postgres', url: clone.url, poolSize: 5 });
  return {
    ...handle,
    url: clone.url,
    async close() {
      await handle.close();
      await clone.drop();
    },
  };
}

/** A fresh PostgreSQL database cloned from the migrated template. */
function cloneTemplateDatabase(): Promise<ScratchDatabase> {
  return createDatabase(TEMPLATE_DATABASE);
}

/** A fresh PostgreSQL database with no tables at all: to watch migrations run. */
export function createEmptyDatabase(): Promise<ScratchDatabase> {
  return createDatabase('template0');
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function createDatabase(template: string): Promise<ScratchDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (admin) => admin.query(`create database ${name} template ${template}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdminClient(adminUrl, async (admin) => {
        await untilDisconnected(admin, name);
        await admin.query(`drop database if exists ${name} with (force)`);
      }),
  };
}

/**
 * A closed pool resolves before its sockets finish closing; forcing the drop then would
 * terminate them mid-close and surface as an unhandled FATAL 57P01 in the test.
 */
async function untilDisconnected(admin: pg.Client, database: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rows } = await admin.query<{ open: number }>(
      'select count(*)::int as open from pg_stat_activity where datname = $1',
      [database],
    );
    if (rows[0]?.open === 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
