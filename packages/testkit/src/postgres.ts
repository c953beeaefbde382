import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** A connection URL for one database of this server. */
  url(database: string): string;
  stop(): void;
}

export interface PostgresOptions {
  /**
   * Keep the cluster in this directory and reuse it on the next start (a benchmark's data set);
   * unset: a throwaway cluster in a temp directory, removed on stop.
   */
  dataDir?: string;
}

/**
 * Starts PostgreSQL from the machine's own binaries (Debian's `postgresql` package), tuned
 * for tests: no fsync, trust auth, loopback only. PostgreSQL refuses to run as root, so as
 * root it runs as the `postgres` user.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDirectory();
  const root = mkdtempSync(join(tmpdir(), 'tollgate-pg-'));
  const dataDir = options.dataDir ?? join(root, 'data');
  const reused = existsSync(join(dataDir, 'PG_VERSION'));
  const owner = runningAsRoot() ? systemUser('postgres') : null;
  if (owner) {
    mkdirSync(dataDir, { recursive: true });
    chownSync(root, owner.uid, owner.gid);
    chownSync(dataDir, owner.uid, owner.gid);
  }
  const run = (program: string, args: string[]) => {
    const command = owner ? 'runuser' : join(bin, program);
    const fullArgs = owner ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
    }
  };
  const port = await freePort();
  if (!reused) {
    run('initdb', ['-D', dataDir, '-U', 'tollgate', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  }
  run('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(root, 'postgres.log'),
    '-w',
    '-o',
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  return {
    url: (database) => `postgres://tollgate@127.0.0.1:${port}/${database}`,
    stop() {
      // A kept cluster shuts down cleanly, so that the next start finds its data as it was.
      run('pg_ctl', ['-D', dataDir, '-m', options.dataDir ? 'fast' : 'immediate', 'stop']);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function postgresBinDirectory(): string {
  const fromEnv = process.env.TOLLGATE_PG_BIN;
  if (fromEnv) {
    return fromEnv;
  }
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((version) => existsSync(join(base, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      'No PostgreSQL server binaries found under /usr/lib/postgresql. Install them (apt-get install postgresql) ' +
        'or set TOLLGATE_PG_BIN to the directory holding initdb and pg_ctl.',
    );
  }
  return join(base, newest, 'bin');
}

function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

function systemUser(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
