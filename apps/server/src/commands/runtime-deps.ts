import { join } from 'node:path';
import type { DatabaseHandle } from '@tollgate/db';
import type { Config } from '../config.js';
import { type Deps, systemDeps } from '../deps.js';
import { lazySecretBox, loadSecretKey } from '../security/secret-box.js';

/** The dependencies of a running Tollgate process. */
export function runtimeDeps(config: Config, database: DatabaseHandle): Deps {
  const secrets = lazySecretBox(() => loadSecretKey(config.secretKey, join(config.dataDir, 'secret.key')));
  return systemDeps(database.db, secrets, { publicUrl: config.publicUrl, destinations: config.delivery.destinations });
}
