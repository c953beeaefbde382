import type { Deps } from '../deps.js';
import { hashOfNoOnesPassword, verifyPassword } from '../security/passwords.js';
import { hashToken, newToken } from '../security/tokens.js';

const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface SignInInput {
  email: string;
  password: string;
}

export type SignInResult =
  | { outcome: 'signed_in'; sessionToken: string; expiresAt: Date; operatorId: string; orgId: string }
  | { outcome: 'invalid_credentials' };

export async function signIn(deps: Deps, input: SignInInput): Promise<SignInResult> {
  const operator = await deps.db
    .selectFrom('operators')
    .select(['id', 'org_id', 'password_hash'])
    .where('email', '=', input.email.toLowerCase())
    .executeTakeFirst();
  // An unknown e-mail costs the same scrypt as a wrong password: timing tells nothing.
  const valid = await verifyPassword(input.password, operator?.password_hash ?? (await hashOfNoOnesPassword()));
  if (!operator || !valid) {
    return { outcome: 'invalid_credentials' };
  }
  const now = deps.now();
  const sessionToken = newToken('session');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await deps.db
    .insertInto('operator_sessions')
    .values({
      token_hash: hashToken(sessionToken),
      operator_id: operator.id,
      org_id: operator.org_id,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { outcome: 'signed_in', sessionToken, expiresAt, operatorId: operator.id, orgId: operator.org_id };
}
