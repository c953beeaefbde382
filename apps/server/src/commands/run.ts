import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { buildHttpServer } from '../http/server.js';
import { storeGateways } from '../intake/gateways.js';
import type { Logger } from '../logger.js';
import { workerTasks } from '../worker/tasks.js';
import { startWorker } from '../worker/worker.js';
import { announceFirstStart } from './first-start.js';
import { publishLocalAdmin } from './local-admin.js';
import { openDatabase } from './open-database.js';
import { runtimeDeps } from './runtime-deps.js';

export interface RunOptions {
  http: boolean;
  worker: boolean;
}

/** How long in-flight requests and worker runs get to finish before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 15_000;

/**
 * `serve`, `work` and `all`: run the HTTP API and/or the worker until SIGTERM or SIGINT,
 * then stop accepting, let in-flight work finish, and close the database.
 */
export async function run(config: Config, log: Logger, options: RunOptions): Promise<void> {
  const database = await openDatabase(config, log);
  const deps = runtimeDeps(config, database);
  await announceFirstStart(config, deps);

  const gateways = storeGateways(config.stores, deps.secrets);
  const http = options.http
    ? await buildHttpServer({ deps, database, logger: log, gateways, trustProxy: config.trustProxy })
    : null;
  let unpublish = async () => {};
  if (http) {
    await http.listen({ host: config.host, port: config.port });
    if (database.driver === 'pglite') {
      unpublish = await publishLocalAdmin(deps, config.dataDir, localUrl(http.server.address()));
    }
  }
  const worker = options.worker ? startWorker(deps, log, workerTasks(gateways, config.delivery)) : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight work');
    setTimeout(() => {
      log.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await http?.close();
    await worker?.stop();
    await unpublish();
    await database.close();
    log.info('stopped');
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, (received) => {
      stop(received).catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
    });
  }
}

/** Where a command on this machine reaches the server it listens as. */
function localUrl(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') {
    throw new Error('the HTTP server listens on no TCP port');
  }
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
