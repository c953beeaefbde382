import type { Deps } from '../deps.js';
import { hashToken } from '../security/tokens.js';

/** Ends the session: the cookie's token stops working at once, wherever it was copied to. */
export async function signOut(deps: Deps, input: { sessionToken: string }): Promise<void> {
  await deps.db.deleteFrom('operator_sessions').where('token_hash', '=', hashToken(input.sessionToken)).execute();
}
