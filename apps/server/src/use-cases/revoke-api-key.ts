import type { ApiKey } from '@tollgate/db';
import type { Deps } from '../deps.js';

export type RevokeApiKeyResult = { outcome: 'revoked'; apiKey: ApiKey } | { outcome: 'api_key_not_found' };

/** Revoking twice is harmless: the first revocation time stays. */
export async function revokeApiKey(
  deps: Deps,
  input: { orgId: string; apiKeyId: string },
): Promise<RevokeApiKeyResult> {
  const apiKey = await deps.db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(deps.now())) }))
    .where('org_id', '=', input.orgId)
    .where('id', '=', input.apiKeyId)
    .returningAll()
    .executeTakeFirst();
  return apiKey ? { outcome: 'revoked', apiKey } : { outcome: 'api_key_not_found' };
}
