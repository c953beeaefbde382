import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { buildHttpServer } from '../http/server.js';
import { storeGateways } from '../intake/gateways.js';
import type { Logger } from '../logger.js';
import { bootstrapInstance } from '../use-cases/bootstrap-instance.js';
import { workerTasks } from '../worker/tasks.js';
import { startWorker } from '../worker/worker.js';
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
  const http = options.http ? await buildHttpServer({ deps, database, logger: log, gateways }) : null;
  if (http) {
    await http.listen({ host: config.host, port: config.port });
  }
  const worker = options.worker ? startWorker(deps, log, workerTasks(gateways)) : null;

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

/** On the very first start, say how to get in: this is the only time the secrets are shown. */
async function announceFirstStart(config: Config, deps: Deps): Promise<void> {
  const result = await bootstrapInstance(deps, {
    email: process.env.TOLLGATE_ADMIN_EMAIL ?? 'admin@tollgate.local',
    password: process.env.TOLLGATE_ADMIN_PASSWORD,
  });
  if (result.outcome === 'already_set_up') {
    return;
  }
  process.stdout.write(
    [
      '',
      'Tollgate is set up. Save these now: they are shown this once.',
      '',
      `  Sign in as     ${result.operatorEmail}`,
      `  Password       ${result.password}`,
      `  Admin API key  ${result.apiKey}`,
      '',
      `  Sign in:  curl -c cookies.txt -H 'content-type: application/json' \\`,
      `              -d '{"email":"${result.operatorEmail}","password":"<password>"}' ${config.publicUrl}/api/v1/session`,
      `  Or call:  curl -H 'authorization: Bearer <admin API key>' ${config.publicUrl}/api/v1/apps`,
      `  API docs: ${config.publicUrl}/docs`,
      '',
      '',
    ].join('\n'),
  );
}
