import { connect, type DatabaseHandle, migrate } from '@tollgate/db';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** Connects and brings the schema up to date, as every command that uses the database does. */
export async function openDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  const database = await connect(config.database);
  try {
    const applied = await migrate(database.db);
    log.info(
      { driver: database.driver, applied },
      applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database schema is up to date',
    );
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
