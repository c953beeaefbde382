import type { ApiKey } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { hashToken, newToken, tokenPrefix } from '../security/tokens.js';

export interface CreateApiKeyInput {
  orgId: string;
  name: string;
}

/** Returns the key's token this once: only its hash is stored. */
export async function createApiKey(deps: Deps, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; token: string }> {
  const token = newToken('apiKey');
  const apiKey = await deps.db
    .insertInto('api_keys')
    .values({
      id: deps.newId(),
      org_id: input.orgId,
      name: input.name,
      token_prefix: tokenPrefix(token),
      token_hash: hashToken(token),
      created_at: deps.now(),
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { apiKey, token };
}
