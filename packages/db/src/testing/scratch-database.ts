import { createEmptyDatabase, testDriver } from '@tollgate/testkit';
import { connect, type DatabaseHandle } from '../connect.js';
import { migrate, readMigrations } from '../migrate.js';

/**
 * For this package's tests: an empty database of the run's driver, migrated up to (not
 * including) `before`, or fully. `close` closes and drops it.
 */
export async function scratchDatabase(
  before = Number.POSITIVE_INFINITY,
): Promise<{ database: DatabaseHandle; close(): Promise<void> }> {
  let database: DatabaseHandle;
  let drop = async () => {};
  if (testDriver() === 'pglite') {
    database = await connect({ driver: 'pglite' });
  } else {
    const scratch = await createEmptyDatabase();
    drop = scratch.drop;
    database = await connect({ driver: 'postgres', url: scratch.url, poolSize: 2 });
  }
  await migrate(
    database.db,
    readMigrations().filter((migration) => migration.version < before),
  );
  return {
    database,
    async close() {
      await database.close();
      await drop();
    },
  };
}
