import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a server script (TypeScript, through tsx) in its own process, so that the load
 * generator here and the server there do not share an event loop. The script prints
 * `listening <port>` when ready.
 */
export async function spawnServer(script: string, env: Record<string, string>): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) {
    throw new Error('no stdout from the server process');
  }
  const lines = createInterface({ input: stdout });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
    lines.on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match?.[1]) {
        resolve(Number(match[1]));
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  seconds: number;
  connections: number;
  /** A POST for each request: its path and JSON body, made fresh (unique ids) every time. */
  post?: () => { path: string; body: object };
  /** A GET of a new path for each request (another device, another placement). */
  get?: () => string;
}

/** Requests per second that completed with a 2xx, under a fixed number of connections. */
export async function requestsPerSecond(options: LoadOptions): Promise<number> {
  const { post, get } = options;
  const result = await autocannon({
    url: options.url,
    headers: { ...options.headers, ...(post ? { 'content-type': 'application/json' } : {}) },
    connections: options.connections,
    duration: options.seconds,
    ...(post
      ? {
          requests: [
            {
              method: 'POST',
              setupRequest: (request) => {
                const { path, body } = post();
                return { ...request, path, body: JSON.stringify(body) };
              },
            },
          ],
        }
      : {}),
    ...(get ? { requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: get() }) }] } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${options.url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result.requests.average;
}

export interface Figure {
  name: string;
  value: number;
  baselineName: string;
  baseline: number;
  unit: string;
  /** The ratio the issue asks for, if any. */
  goal?: string;
}

/** Runs `measure` on the subject and the baseline alternately, `rounds` times each; keeps the medians. */
export async function alternate(
  rounds: number,
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ value: number; baseline: number }> {
  const subjects: number[] = [];
  const baselines: number[] = [];
  for (let round = 0; round < rounds; round++) {
    baselines.push(await baseline());
    subjects.push(await subject());
  }
  return { value: median(subjects), baseline: median(baselines) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function printFigures(figures: Figure[]): void {
  const rows = figures.map((figure) => [
    figure.name,
    `${format(figure.value)} ${figure.unit}`,
    `${figure.baselineName}: ${format(figure.baseline)} ${figure.unit}`,
    (figure.value / figure.baseline).toFixed(2),
    figure.goal ?? '',
  ]);
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'goal'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) {
    console.log(line(row));
  }
}

function format(value: number): string {
  // Latencies of a few milliseconds need their decimals; rates do not.
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
