import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tollgate/testkit';
import type { RunningServer } from './harness.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'server', 'dist', 'tollgate.js');

export interface RunningTollgate extends RunningServer {
  /** The admin API key printed on the first start. */
  apiKey: string;
}

/** The built Tollgate (`tollgate serve`), as operators run it, against the given database. */
export async function startTollgate(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningTollgate> {
  const port = await freePort();
  const { child, lines } = spawnTollgate('serve', databaseUrl, { PORT: String(port), HOST: '127.0.0.1', ...env });
  let apiKey = '';
  lines.on('line', (line) => {
    apiKey = /Admin API key\s+(tgk_\S+)/.exec(line)?.[1] ?? apiKey;
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => null))?.ok === true, 30_000);
  return { url, apiKey, stop: () => stopChild(child) };
}

/** `tollgate work`: the worker alone, beside a `serve` on the same database; resolves once it says it started. */
export async function startWorker(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ stop(): Promise<void> }> {
  // At info the worker says when it starts (and one line per delivery run): how to know it is ready.
  const { child, lines } = spawnTollgate('work', databaseUrl, { ...env, LOG_LEVEL: 'info' });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`tollgate work exited with ${code} before starting`)));
    lines.on('line', (line) => {
      if (line.includes('"msg":"worker started"')) {
        resolve();
      }
    });
  });
  return { stop: () => stopChild(child) };
}

function spawnTollgate(command: 'serve' | 'work', databaseUrl: string, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [CLI, command], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) {
    throw new Error('no stdout from tollgate');
  }
  return { child, lines: createInterface({ input: stdout }) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error('tollgate did not become ready in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
