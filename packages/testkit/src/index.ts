export { freePort, type PostgresServer, startPostgres } from './postgres.js';
export {
  createEmptyDatabase,
  openTestDatabase,
  type ScratchDatabase,
  type TestDatabase,
  testDriver,
} from './test-database.js';
