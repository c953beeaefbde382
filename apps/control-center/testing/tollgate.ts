import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmptyDatabase, testDriver } from '@tollgate/testkit';

/** The built CLI, exactly what `npm start` runs (`npm test` builds it, and the app it serves, first). */
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'dist', 'tollgate.js');

export interface RunningTollgate {
  url: string;
  email: string;
  password: string;
  apiKey: string;
  /** Runs `tollgate <args>` against this server's database driver, and waits for it to exit 0. */
  run(args: string[], env?: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

function spawnCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, output: () => output };
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, child: ChildProcess, what: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`tollgate did not get ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * `tollgate all` as a child process on an empty database of this run's driver (a PostgreSQL
 * database of its own, or a PGlite directory), with the sign-in it printed on first start.
 */
export async function startTollgate(): Promise<RunningTollgate> {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (testDriver() === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-cc-e2e-'));
    env = { TOLLGATE_DATA_DIR: dataDir };
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  } else {
    const database = await createEmptyDatabase();
    env = { DATABASE_URL: database.url };
    cleanup = database.drop;
  }
  const server = spawnCli(['all'], env);
  const printed = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(server.output())?.[1];
  try {
    const url = await waitFor(
      () => /"msg":"Server listening at (http:\/\/[^"]+)"/.exec(server.output())?.[1],
      server.child,
      `listening:\n${server.output()}`,
    );
    await waitFor(
      async () => ((await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined),
      server.child,
      'ready',
    );
    const [email, password, apiKey] = await waitFor(
      () => {
        const values = [printed('Sign in as'), printed('Password'), printed('Admin API key')];
        return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
      },
      server.child,
      `its first sign-in printed:\n${server.output()}`,
    );
    return {
      url,
      email: email ?? '',
      password: password ?? '',
      apiKey: apiKey ?? '',
      async run(args, extraEnv = {}) {
        const command = spawnCli(args, { ...env, ...extraEnv });
        const [code] = await once(command.child, 'exit');
        if (code !== 0) {
          throw new Error(`tollgate ${args.join(' ')} exited with ${code}:\n${command.output()}`);
        }
        return command.output();
      },
      async stop() {
        if (server.child.exitCode === null) {
          server.child.kill('SIGTERM');
          await once(server.child, 'exit');
        }
        await cleanup();
      },
    };
  } catch (error) {
    server.child.kill('SIGKILL');
    await cleanup();
    throw error;
  }
}
