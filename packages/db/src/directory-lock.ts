import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DirectoryInUseError extends Error {
  constructor(directory: string, pid: number) {
    super(
      `The embedded database in ${directory} is in use by process ${pid}. ` +
        'Stop that process, or point DATABASE_URL at PostgreSQL to run several Tollgate processes.',
    );
    this.name = 'DirectoryInUseError';
  }
}

const heldHere = new Set<string>();

/**
 * PGlite is Postgres running inside this process: two processes opening the same
 * files would corrupt them. A lock file holding our pid keeps the second one out;
 * a lock left by a process that no longer exists is taken over.
 */
export function lockDirectory(directory: string): () => void {
  const lockFile = join(directory, 'tollgate.lock');
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      heldHere.add(lockFile);
      return () => {
        heldHere.delete(lockFile);
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    const holder = Number(readFileSync(lockFile, 'utf8'));
    // Our own pid in a lock we did not take is a leftover of an earlier life with
    // the same pid (pid 1 in a container, every time).
    const held =
      holder === process.pid ? heldHere.has(lockFile) : Number.isInteger(holder) && holder > 0 && isAlive(holder);
    if (held) {
      throw new DirectoryInUseError(directory, holder);
    }
    rmSync(lockFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
