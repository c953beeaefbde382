export { type PostgresServer, startPostgres } from './postgres.js';
export { cloneTemplateDatabase, openTestDatabase, type TestDatabase, testDriver } from './test-database.js';
