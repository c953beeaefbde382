// npm run bench: every figure beside a baseline measured in the same run, as a ratio.
// `npm run bench -- paywall session` runs only the benches whose names are given.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppleTestPki, PLAY_FAKE_ACCESS_TOKEN, startPlayFake, startPostgres } from '@tollgate/testkit';
import pg from 'pg';
import { catalogRead } from './catalog-read.js';
import { customersList } from './customers-list.js';
import { delivery } from './delivery.js';
import { type Figure, printFigures } from './harness.js';
import { paywallResolution } from './paywall-resolution.js';
import { sessionStart } from './session-start.js';
import { appleIntake, googleIntake } from './store-intake.js';
import { startTollgate } from './tollgate.js';

const BENCHES = ['catalog', 'apple', 'google', 'session', 'paywall', 'delivery', 'customers'] as const;
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(BENCHES as readonly string[]).includes(name));
if (unknown.length > 0) {
  throw new Error(`No bench named ${unknown.join(', ')}: choose among ${BENCHES.join(', ')}`);
}
const wanted = (name: (typeof BENCHES)[number]) => asked.length === 0 || asked.includes(name);

const postgres = await startPostgres();
const play = await startPlayFake();
try {
  const admin = new pg.Client({ connectionString: postgres.url('postgres') });
  await admin.connect();
  await admin.query('create database bench');
  await admin.end();
  const databaseUrl = postgres.url('bench');
  const pki = await createAppleTestPki();
  const rootFile = join(mkdtempSync(join(tmpdir(), 'tollgate-bench-')), 'root.pem');
  writeFileSync(rootFile, pki.rootPem);
  const env = {
    TOLLGATE_APPLE_ROOT_CERTS: rootFile,
    TOLLGATE_GOOGLE_OIDC_CERTS_URL: `${play.url}/oauth2/v1/certs`,
    TOLLGATE_GOOGLE_PLAY_API_URL: play.url,
    TOLLGATE_GOOGLE_PLAY_ACCESS_TOKEN: PLAY_FAKE_ACCESS_TOKEN,
    // Shared by `serve` and the delivery bench's `work`, as by any deployment of several processes.
    TOLLGATE_SECRET_KEY: randomBytes(32).toString('hex'),
    // The vendors' fakes listen on 127.0.0.1.
    TOLLGATE_PRIVATE_DESTINATIONS: 'allow',
  };
  const tollgate = await startTollgate(databaseUrl, env);
  const figures: Figure[] = [];
  try {
    if (wanted('catalog')) {
      figures.push(await catalogRead(tollgate, databaseUrl));
    }
    if (wanted('apple')) {
      figures.push(await appleIntake(tollgate, pki, rootFile, 1000));
    }
    if (wanted('google')) {
      figures.push(await googleIntake(tollgate, play, 1000));
    }
    if (wanted('session')) {
      figures.push(await sessionStart(tollgate, databaseUrl));
    }
    if (wanted('paywall')) {
      figures.push(await paywallResolution(tollgate, databaseUrl));
    }
    if (wanted('delivery')) {
      figures.push(...(await delivery(tollgate, databaseUrl, pki, env)));
    }
  } finally {
    await tollgate.stop();
  }
  const customers = wanted('customers')
    ? await customersList(join(dirname(fileURLToPath(import.meta.url)), '..', '..'))
    : null;
  figures.push(...(customers?.figures ?? []));
  console.log(`\nTollgate benchmarks on PostgreSQL, ${new Date().toISOString()}\n`);
  printFigures(figures);
  if (customers) {
    console.log(`\nCustomers list data set: ${customers.note}.`);
  }
} finally {
  await play.close();
  postgres.stop();
}
