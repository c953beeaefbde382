import { connect, migrate } from '@tollgate/db';
import type { TestProject } from 'vitest/node';
import { type PostgresServer, startPostgres } from './postgres.js';
import { withAdminClient } from './postgres-admin.js';
import { TEMPLATE_DATABASE } from './test-database.js';

let server: PostgresServer | undefined;

/** Once per run: a PostgreSQL server with a migrated template database to clone per test file. */
export async function setup(project: TestProject): Promise<void> {
  server = await startPostgres();
  await withAdminClient(server.url('postgres'), (admin) => admin.query(`create database ${TEMPLATE_DATABASE}`));
  const template = await connect({ driver: 'postgres', url: server.url(TEMPLATE_DATABASE), poolSize: 1 });
  try {
    await migrate(template.db);
  } finally {
    await template.close();
  }
  project.provide('testDriver', 'postgres');
  project.provide('postgresAdminUrl', server.url('postgres'));
}

export function teardown(): void {
  server?.stop();
}
