import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, migratedPGliteSnapshot } from '@tollgate/db';
import type { TestProject } from 'vitest/node';

let directory: string | undefined;

/** Once per run: migrate one embedded database and keep its files, so each test file starts from a copy. */
export async function setup(project: TestProject): Promise<void> {
  const snapshot = await migratedPGliteSnapshot(migrate);
  directory = mkdtempSync(join(tmpdir(), 'tollgate-pglite-'));
  const path = join(directory, 'migrated.tar');
  writeFileSync(path, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('testDriver', 'pglite');
  project.provide('pgliteSnapshotPath', path);
}

export function teardown(): void {
  if (directory) {
    rmSync(directory, { recursive: true, force: true });
  }
}
