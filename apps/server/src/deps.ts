import type { Database } from '@tollgate/db';
import type { Destinations } from '@tollgate/integrations';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { SecretBox } from './security/secret-box.js';

/** What every use case and query is given, rather than reaching for globals. */
export interface Deps {
  db: Kysely<Database>;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  /** A new time-ordered id (UUIDv7). */
  newId: () => string;
  /** Seals secrets at rest. */
  secrets: SecretBox;
  /** Where users reach Tollgate: the base of the URLs it hands out (store notification URLs). */
  publicUrl: string;
  /** Where integrations may send: the public internet only, unless configured otherwise. */
  destinations: Destinations;
}

export function systemDeps(
  db: Kysely<Database>,
  secrets: SecretBox,
  options: { publicUrl: string; destinations: Destinations },
): Deps {
  return { db, now: () => new Date(), newId: () => uuidv7(), secrets, ...options };
}
