import { request } from 'node:http';
import { connect, readMigrations } from '@tollgate/db';
import { testDriver } from '@tollgate/testkit';
import { describe, expect, test } from 'vitest';
import { useTollgateCli } from './testing/cli-harness.js';
import { readyUrl, waitFor } from './testing/cli-process.js';

// The built server as a child process, as `npm start` runs it, on this run's driver.

const { env, start, stop, printed } = useTollgateCli();

describe('tollgate all', () => {
  test('the first start prints how to sign in, once; data survives a restart', async () => {
    const first = start(['all']);
    const url = await readyUrl(first);
    const apiKey = printed(first, 'Admin API key');
    const email = printed(first, 'Sign in as');
    const password = printed(first, 'Password');

    const created = await fetch(`${url}/api/v1/apps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Survivor' }),
    });
    const signIn = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(created.status).toBe(201);
    expect(signIn.status).toBe(201);
    expect(await stop(first)).toBe(0);

    const second = start(['all']);
    const secondUrl = await readyUrl(second);
    const app = await fetch(`${secondUrl}/api/v1/apps/${((await created.json()) as { id: string }).id}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });

    expect(app.status).toBe(200);
    expect(((await app.json()) as { name: string }).name).toBe('Survivor');
    expect(second.output()).not.toContain('Tollgate is set up');
    expect(second.output()).not.toContain(apiKey);
  });

  test('the first operator can be chosen through the environment', async () => {
    const process = start(['all'], {
      TOLLGATE_ADMIN_EMAIL: 'Ops@Example.com',
      TOLLGATE_ADMIN_PASSWORD: 'a chosen passphrase',
    });
    const url = await readyUrl(process);

    const signIn = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.com', password: 'a chosen passphrase' }),
    });

    expect(signIn.status).toBe(201);
  });
});

describe('graceful shutdown', () => {
  test('on SIGTERM a request already in flight is answered, then the process exits 0', async () => {
    const process = start(['serve']);
    const url = new URL(await readyUrl(process));
    const apiKey = printed(process, 'Admin API key');
    const body = JSON.stringify({ name: 'In flight' });
    const pending = request({
      host: url.hostname,
      port: url.port,
      path: '/api/v1/apps',
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': body.length },
    });
    const answered = new Promise<number | undefined>((resolve, reject) => {
      pending.on('response', (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      pending.on('error', reject);
    });

    pending.write(body.slice(0, 5));
    await waitFor(() => (process.output().includes('"url":"/api/v1/apps"') ? true : undefined), 10_000, process);
    process.child.kill('SIGTERM');
    await waitFor(() => (process.output().includes('shutting down') ? true : undefined), 10_000);
    pending.end(body.slice(5));

    expect(await answered).toBe(201);
    expect(await process.exited).toBe(0);
    expect(process.output()).toContain('"msg":"stopped"');
  });

  test('SIGINT stops the worker process too', async () => {
    const process = start(['work']);
    await waitFor(() => (process.output().includes('worker started') ? true : undefined), 30_000, process);

    process.child.kill('SIGINT');

    expect(await process.exited).toBe(0);
    expect(process.output()).toContain('worker stopped');
  });
});

describe('tollgate migrate', () => {
  test('applies the migrations and exits; a second run has nothing to do', async () => {
    const first = start(['migrate']);
    expect(await first.exited).toBe(0);
    const second = start(['migrate']);
    expect(await second.exited).toBe(0);

    expect(first.output()).toMatch(/applied \d+ migration\(s\)/);
    expect(second.output()).toContain('database schema is up to date');
  });

  test.runIf(testDriver() === 'postgres')('two processes migrating at once apply each migration once', async () => {
    const [a, b] = [start(['migrate']), start(['migrate'])];

    const codes = await Promise.all([a.exited, b.exited]);

    expect(codes).toEqual([0, 0]);
    const database = await connect({ driver: 'postgres', url: env().DATABASE_URL ?? '' });
    try {
      const versions = await database.db.selectFrom('tollgate_migrations').select('version').execute();
      expect(versions.map((row) => row.version)).toEqual(readMigrations().map((migration) => migration.version));
    } finally {
      await database.close();
    }
  });

  test.runIf(testDriver() === 'pglite')(
    'a second process cannot open an embedded database in use, and says why',
    async () => {
      const server = start(['serve']);
      await readyUrl(server);

      const second = start(['migrate']);

      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by process \d+/);
    },
  );
});

describe('tollgate create-org', () => {
  test('creates another organization whose printed API key works, and the first start then creates none', async () => {
    const created = start(['create-org', '--name', 'Acme', '--email', 'ops@acme.example']);
    expect(await created.exited).toBe(0);
    const apiKey = printed(created, 'Admin API key');

    const server = start(['serve']);
    const url = await readyUrl(server);
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });

    expect(me.status).toBe(200);
    expect(((await me.json()) as { organization: { name: string } }).organization.name).toBe('Acme');
    expect(server.output()).not.toContain('Tollgate is set up');
  });

  test('refuses an e-mail that already signs in elsewhere', async () => {
    expect(await start(['create-org', '--name', 'One', '--email', 'same@example.com']).exited).toBe(0);

    const second = start(['create-org', '--name', 'Two', '--email', 'SAME@example.com']);

    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('already exists');
  });
});

describe('the command line', () => {
  test('an unknown command exits 2 with the usage', async () => {
    const process = start(['launch']);

    expect(await process.exited).toBe(2);
    expect(process.output()).toContain('Unknown command "launch"');
    expect(process.output()).toContain('Usage: tollgate <command>');
  });

  test('a bad setting exits 1 naming it, before touching the database', async () => {
    const process = start(['serve'], { PORT: 'eighty' });

    expect(await process.exited).toBe(1);
    expect(process.output()).toContain('PORT must be a whole number');
  });
});
