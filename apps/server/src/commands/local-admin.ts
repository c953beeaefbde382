import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../deps.js';
import { firstOrganizationId } from '../queries/first-organization.js';
import { createApiKey } from '../use-cases/create-api-key.js';
import { revokeApiKey } from '../use-cases/revoke-api-key.js';

const FILE = 'local-admin.json';
const KEY_NAME = 'local CLI';

export interface LocalAdmin {
  url: string;
  apiKey: string;
}

/**
 * While a Tollgate holds the embedded database, other commands on this machine (`tollgate
 * seed`) cannot open it: they reach it over HTTP instead, with an admin key this process makes
 * and leaves in a 0600 file beside the data (whoever can read that file can read the database
 * files too). Returns how to take it back: delete the file and revoke the key.
 */
export async function publishLocalAdmin(deps: Deps, dataDir: string, url: string): Promise<() => Promise<void>> {
  const orgId = await firstOrganizationId(deps.db);
  // What a process that died without stopping left behind.
  await deps.db
    .updateTable('api_keys')
    .set({ revoked_at: deps.now() })
    .where('org_id', '=', orgId)
    .where('name', '=', KEY_NAME)
    .where('revoked_at', 'is', null)
    .execute();
  const { apiKey, token } = await createApiKey(deps, { orgId, name: KEY_NAME });
  const file = join(dataDir, FILE);
  writeFileSync(file, JSON.stringify({ url, api_key: token }), { mode: 0o600 });
  chmodSync(file, 0o600);
  return async () => {
    rmSync(file, { force: true });
    await revokeApiKey(deps, { orgId, apiKeyId: apiKey.id });
  };
}

/** The running Tollgate's address and key, if one holds the embedded database in `dataDir`. */
export function readLocalAdmin(dataDir: string): LocalAdmin | null {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) {
    return null;
  }
  const { url, api_key: apiKey } = JSON.parse(readFileSync(file, 'utf8')) as { url: string; api_key: string };
  return { url, apiKey };
}
