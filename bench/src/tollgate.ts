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
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) {
    throw new Error('no stdout from tollgate');
  }
  let apiKey = '';
  createInterface({ input: stdout }).on('line', (line) => {
    apiKey = /Admin API key\s+(tgk_\S+)/.exec(line)?.[1] ?? apiKey;
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => null))?.ok === true, 30_000);
  return {
    url,
    apiKey,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
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
