import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';

/** What every use case and query is given, rather than reaching for globals. */
export interface Deps {
  db: Kysely<Database>;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  /** A new time-ordered id (UUIDv7). */
  newId: () => string;
}

export function systemDeps(db: Kysely<Database>): Deps {
  return { db, now: () => new Date(), newId: () => uuidv7() };
}
