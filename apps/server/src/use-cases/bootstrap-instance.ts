import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { hashPassword } from '../security/passwords.js';
import { type CreatedOrganization, insertOrganization } from './create-organization.js';

/** Any fixed number: processes starting together take turns to look for the first organization. */
const BOOTSTRAP_LOCK_KEY = 7_405_210_418;

export interface BootstrapInput {
  email: string;
  /** Undefined: generate one, to be printed once. */
  password: string | undefined;
}

export type BootstrapResult =
  | { outcome: 'already_set_up' }
  | ({ outcome: 'created'; password: string } & CreatedOrganization);

/**
 * On the very first start, creates an organization, its operator and an admin API key,
 * so that a new install can be signed in to. Does nothing once any organization exists.
 */
export async function bootstrapInstance(deps: Deps, input: BootstrapInput): Promise<BootstrapResult> {
  const password = input.password ?? randomBytes(15).toString('base64url');
  const passwordHash = await hashPassword(password);
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`.execute(trx);
    const existing = await trx.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
    if (existing) {
      return { outcome: 'already_set_up' };
    }
    const created = await insertOrganization(deps, trx, 'My organization', input.email.toLowerCase(), passwordHash);
    return { outcome: 'created', password, ...created };
  });
}
