import type { Deps } from '../deps.js';
import { hashToken } from '../security/tokens.js';

export type Principal =
  | { kind: 'api_key'; orgId: string; apiKeyId: string }
  | { kind: 'operator'; orgId: string; operatorId: string };

/** `last_used_at` is a hint for operators, not an audit log: refresh it at most once a minute. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Who is calling, from an API key or a session token; null when neither is valid. */
export async function authenticateApiKey(deps: Deps, token: string): Promise<Principal | null> {
  const key = await deps.db
    .selectFrom('api_keys')
    .select(['id', 'org_id', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!key) {
    return null;
  }
  const now = deps.now();
  if (!key.last_used_at || now.getTime() - key.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await deps.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', key.id).execute();
  }
  return { kind: 'api_key', orgId: key.org_id, apiKeyId: key.id };
}

export async function authenticateSession(deps: Deps, token: string): Promise<Principal | null> {
  const session = await deps.db
    .selectFrom('operator_sessions')
    .select(['operator_id', 'org_id'])
    .where('token_hash', '=', hashToken(token))
    .where('expires_at', '>', deps.now())
    .executeTakeFirst();
  return session ? { kind: 'operator', orgId: session.org_id, operatorId: session.operator_id } : null;
}
