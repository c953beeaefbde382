export { anyOf } from './any-of.js';
export { type ConnectOptions, connect, type DatabaseHandle, type Driver, migratedPGliteSnapshot } from './connect.js';
export { DirectoryInUseError } from './directory-lock.js';
export { violatedForeignKey, violatedUniqueConstraint } from './errors.js';
export { MigrationEditedError, migrate, readMigrations } from './migrate.js';
export type * from './schema.js';
