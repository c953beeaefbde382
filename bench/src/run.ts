// npm run bench: every figure beside a baseline measured in the same run, as a ratio.
import { startPostgres } from '@tollgate/testkit';
import pg from 'pg';
import { catalogRead } from './catalog-read.js';
import { type Figure, printFigures } from './harness.js';
import { startTollgate } from './tollgate.js';

const postgres = await startPostgres();
try {
  const admin = new pg.Client({ connectionString: postgres.url('postgres') });
  await admin.connect();
  await admin.query('create database bench');
  await admin.end();
  const databaseUrl = postgres.url('bench');
  const tollgate = await startTollgate(databaseUrl);
  const figures: Figure[] = [];
  try {
    figures.push(await catalogRead(tollgate, databaseUrl));
  } finally {
    await tollgate.stop();
  }
  console.log(`\nTollgate benchmarks on PostgreSQL, ${new Date().toISOString()}\n`);
  printFigures(figures);
} finally {
  postgres.stop();
}
