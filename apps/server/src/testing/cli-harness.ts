import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyDatabase, testDriver } from '@tollgate/testkit';
import { afterEach, beforeEach } from 'vitest';
import { runTollgate, type TollgateProcess } from './cli-process.js';

export interface CliHarness {
  /** DATABASE_URL on PostgreSQL, TOLLGATE_DATA_DIR on PGlite: a database of this test's own. */
  env(): Record<string, string>;
  /** Runs `tollgate <args>` on this test's database; killed when the test ends. */
  start(args: string[], extraEnv?: Record<string, string>): TollgateProcess;
  /** SIGTERM, then the exit code. */
  stop(process: TollgateProcess): Promise<number | null>;
  /** The value printed after `label` (an API key, a password). */
  printed(process: TollgateProcess, label: string): string;
}

/** The built CLI as child processes, each test on an empty database of its own and this run's driver. */
export function useTollgateCli(): CliHarness {
  let env: Record<string, string> = {};
  let cleanup: () => Promise<void> = async () => {};
  const running: TollgateProcess[] = [];

  beforeEach(async () => {
    if (testDriver() === 'pglite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-'));
      env = { TOLLGATE_DATA_DIR: dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    } else {
      const database = await createEmptyDatabase();
      env = { DATABASE_URL: database.url };
      cleanup = database.drop;
    }
  });

  afterEach(async () => {
    for (const process of running.splice(0)) {
      if (process.child.exitCode === null) {
        process.child.kill('SIGKILL');
        await process.exited;
      }
    }
    await cleanup();
  });

  return {
    env: () => env,
    start(args, extraEnv = {}) {
      const process = runTollgate(args, { ...env, ...extraEnv });
      running.push(process);
      return process;
    },
    async stop(process) {
      process.child.kill('SIGTERM');
      return process.exited;
    },
    printed(process, label) {
      const value = new RegExp(`${label}\\s+(\\S+)`).exec(process.output())?.[1];
      if (value === undefined) {
        throw new Error(`"${label}" was not printed:\n${process.output()}`);
      }
      return value;
    },
  };
}
