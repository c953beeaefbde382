import type { Deps } from '../deps.js';

/** Deletes sessions past their expiry; returns how many. */
export async function expireSessions(deps: Deps): Promise<number> {
  const result = await deps.db.deleteFrom('operator_sessions').where('expires_at', '<=', deps.now()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
