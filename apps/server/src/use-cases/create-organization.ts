import type { Database } from '@tollgate/db';
import type { Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { hashPassword } from '../security/passwords.js';
import { hashToken, newToken, tokenPrefix } from '../security/tokens.js';

export interface CreateOrganizationInput {
  name: string;
  operatorEmail: string;
  operatorPassword: string;
}

export interface CreatedOrganization {
  orgId: string;
  operatorId: string;
  operatorEmail: string;
  /** The admin API key: shown this once, stored only as a hash. */
  apiKey: string;
}

export type CreateOrganizationResult =
  | ({ outcome: 'created' } & CreatedOrganization)
  | { outcome: 'operator_email_taken' };

/** A tenant with its first operator and an admin API key. */
export async function createOrganization(
  deps: Deps,
  input: CreateOrganizationInput,
): Promise<CreateOrganizationResult> {
  const passwordHash = await hashPassword(input.operatorPassword);
  return deps.db.transaction().execute(async (trx) => {
    const email = input.operatorEmail.toLowerCase();
    const taken = await trx.selectFrom('operators').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) {
      return { outcome: 'operator_email_taken' };
    }
    return { outcome: 'created', ...(await insertOrganization(deps, trx, input.name, email, passwordHash)) };
  });
}

export async function insertOrganization(
  deps: Deps,
  trx: Transaction<Database>,
  name: string,
  email: string,
  passwordHash: string,
): Promise<CreatedOrganization> {
  const now = deps.now();
  const orgId = deps.newId();
  const operatorId = deps.newId();
  const apiKey = newToken('apiKey');
  await trx.insertInto('organizations').values({ id: orgId, name, created_at: now }).execute();
  await trx
    .insertInto('operators')
    .values({ id: operatorId, org_id: orgId, email, password_hash: passwordHash, created_at: now })
    .execute();
  await trx
    .insertInto('api_keys')
    .values({
      id: deps.newId(),
      org_id: orgId,
      name: 'Admin key',
      token_prefix: tokenPrefix(apiKey),
      token_hash: hashToken(apiKey),
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { orgId, operatorId, operatorEmail: email, apiKey };
}
