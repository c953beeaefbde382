import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI, exactly what `npm start` runs (`npm test` builds it first). */
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'tollgate.js');

export interface TollgateProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Runs `tollgate <args>` with the given environment on top of this process's. */
export function runTollgate(args: string[], env: Record<string, string>): TollgateProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => output, exited };
}

/** Waits until the server says where it listens and answers /readyz; returns its base URL. */
export async function readyUrl(process: TollgateProcess, timeoutMs = 30_000): Promise<string> {
  const url = await waitFor(
    () => /"msg":"Server listening at (http:\/\/[^"]+)"/.exec(process.output())?.[1],
    timeoutMs,
    process,
  );
  await waitFor(
    async () => ((await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined),
    timeoutMs,
    process,
  );
  return url;
}

/** Polls until `probe` gives a value, failing early if the process exits first. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  process?: TollgateProcess,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (process && process.child.exitCode !== null) {
      throw new Error(`tollgate exited with ${process.child.exitCode}:\n${process.output()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms${process ? `:\n${process.output()}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
