import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DirectoryInUseError, lockDirectory } from './directory-lock.js';

function aDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'tollgate-lock-'));
}

/** The pid of a process that has already exited. */
function aDeadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('lockDirectory', () => {
  test('a second lock on the same directory is refused while the first is held', () => {
    const directory = aDirectory();
    const release = lockDirectory(directory);

    expect(() => lockDirectory(directory)).toThrow(DirectoryInUseError);
    release();
  });

  test('releasing removes the lock, so the directory can be locked again', () => {
    const directory = aDirectory();
    lockDirectory(directory)();

    const again = lockDirectory(directory);

    expect(existsSync(join(directory, 'tollgate.lock'))).toBe(true);
    again();
    expect(existsSync(join(directory, 'tollgate.lock'))).toBe(false);
  });

  test('a lock left behind by a process that is gone is taken over', () => {
    const directory = aDirectory();
    writeFileSync(join(directory, 'tollgate.lock'), String(aDeadPid()));

    const release = lockDirectory(directory);

    release();
  });

  test('a lock holding our own pid that we did not take (a restarted container) is taken over', () => {
    const directory = aDirectory();
    writeFileSync(join(directory, 'tollgate.lock'), String(process.pid));

    const release = lockDirectory(directory);

    release();
  });

  test('a lock held by a live process names that process', () => {
    const directory = aDirectory();
    writeFileSync(join(directory, 'tollgate.lock'), String(process.ppid));

    expect(() => lockDirectory(directory)).toThrow(`in use by process ${process.ppid}`);
  });
});
