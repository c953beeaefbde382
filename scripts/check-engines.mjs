// Tollgate must run on Node 20: fail when any installed package declares it needs a newer Node
// (some newest majors need Node 22, and npm only warns).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const OLDEST_SUPPORTED = '20.19.0';

function* packages(directory) {
  for (const name of readdirSync(directory)) {
    if (name.startsWith('.')) {
      continue;
    }
    const path = join(directory, name);
    if (name.startsWith('@')) {
      yield* packages(path);
      continue;
    }
    const manifest = join(path, 'package.json');
    if (existsSync(manifest)) {
      yield JSON.parse(readFileSync(manifest, 'utf8'));
      const nested = join(path, 'node_modules');
      if (existsSync(nested)) {
        yield* packages(nested);
      }
    }
  }
}

const refused = [...packages('node_modules')].filter(
  (manifest) => manifest.engines?.node && !semver.satisfies(OLDEST_SUPPORTED, manifest.engines.node),
);
for (const manifest of refused) {
  console.error(`${manifest.name}@${manifest.version} needs Node ${manifest.engines.node}`);
}
if (refused.length > 0) {
  console.error(
    `\n${refused.length} installed package(s) do not support Node ${OLDEST_SUPPORTED}: pin older versions.`,
  );
  process.exit(1);
}
console.log(`every installed package supports Node ${OLDEST_SUPPORTED}`);
