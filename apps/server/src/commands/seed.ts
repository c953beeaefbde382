import { DirectoryInUseError } from '@tollgate/db';
import type { Config } from '../config.js';
import { buildHttpServer } from '../http/server.js';
import { storeGateways } from '../intake/gateways.js';
import { createLogger, type Logger } from '../logger.js';
import { firstOrganizationId } from '../queries/first-organization.js';
import { inProcessApi, remoteApi, type SeedApi } from '../seed/api.js';
import { progressBar } from '../seed/progress.js';
import { seedDemoApp } from '../seed/seed-app.js';
import { createApiKey } from '../use-cases/create-api-key.js';
import { revokeApiKey } from '../use-cases/revoke-api-key.js';
import { announceFirstStart } from './first-start.js';
import { readLocalAdmin } from './local-admin.js';
import { openDatabase } from './open-database.js';
import { runtimeDeps } from './runtime-deps.js';

export interface SeedCommandOptions {
  users: number;
  seed: number;
  /** A running Tollgate to seed over HTTP, with an admin API key; unset: this database. */
  remote: { url: string; apiKey: string } | null;
}

/**
 * `tollgate seed --users N`: a demo app full of synthetic customers, made through the public
 * APIs (the SDK API for devices, the test store for purchases) so that every row is one the
 * use cases wrote. Against this process's database unless given a running Tollgate.
 */
export async function seedCommand(config: Config, log: Logger, options: SeedCommandOptions): Promise<number> {
  const started = Date.now();
  const result = options.remote
    ? await seedThrough(remoteApi(options.remote.url), options.remote.apiKey, options)
    : await seedInProcess(config, log, options);
  if (result === null) {
    return 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `Seeded ${options.users} customers into the app "${result.name}" (${result.appId}) in ${seconds} s.\n`,
  );
  return 0;
}

function seedThrough(api: SeedApi, key: string, options: SeedCommandOptions, concurrency = 8) {
  const progress = progressBar(process.stderr, options.users, 'customers');
  return seedDemoApp(api, key, { users: options.users, seed: options.seed, concurrency, now: Date.now() }, progress);
}

async function seedInProcess(config: Config, log: Logger, options: SeedCommandOptions) {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config, log);
  } catch (error) {
    if (error instanceof DirectoryInUseError) {
      const running = readLocalAdmin(config.dataDir);
      if (running) {
        process.stderr.write(`Tollgate is running on this data: seeding it at ${running.url}\n`);
        return seedThrough(remoteApi(running.url), running.apiKey, options);
      }
      process.stderr.write(
        `${error.message}\nTo seed the running Tollgate instead, give its address and an admin API key:\n` +
          `  TOLLGATE_API_KEY=<admin API key> tollgate seed --users ${options.users} --url ${config.publicUrl}\n`,
      );
      return null;
    }
    throw error;
  }
  const deps = runtimeDeps(config, database);
  // Requests are the seed's own business: only problems reach the log.
  const http = await buildHttpServer({
    deps,
    database,
    logger: createLogger('warn'),
    gateways: storeGateways(config.stores, deps.secrets),
  });
  try {
    await announceFirstStart(config, deps);
    const orgId = await firstOrganizationId(deps.db);
    // A key for this run only, revoked when it ends.
    const { apiKey, token } = await createApiKey(deps, { orgId, name: 'tollgate seed' });
    try {
      // One at a time: the embedded database has one connection anyway.
      return await seedThrough(inProcessApi(http), token, options, database.driver === 'pglite' ? 1 : 8);
    } finally {
      await revokeApiKey(deps, { orgId, apiKeyId: apiKey.id });
    }
  } finally {
    await http.close();
    await database.close();
  }
}
