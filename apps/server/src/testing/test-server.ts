import { openTestDatabase, type TestDatabase } from '@tollgate/testkit';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../deps.js';
import type { HttpApp } from '../http/http-app.js';
import { buildHttpServer } from '../http/server.js';
import { type CreatedOrganization, createOrganization } from '../use-cases/create-organization.js';

export interface TestServer {
  http: HttpApp;
  database: TestDatabase;
  deps: Deps;
  /** Moves the server's clock; it starts at the real time. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/** The HTTP API over this test file's own database, driven in-process with `inject`. */
export async function startTestServer(): Promise<TestServer> {
  const database = await openTestDatabase();
  let offsetMs = 0;
  const deps: Deps = { db: database.db, now: () => new Date(Date.now() + offsetMs), newId: () => uuidv7() };
  const http = await buildHttpServer({
    deps,
    database,
    publicUrl: 'http://localhost:8080',
    logger: pino({ level: 'silent' }),
  });
  await http.ready();
  return {
    http,
    database,
    deps,
    advanceClock(ms) {
      offsetMs += ms;
    },
    async close() {
      await http.close();
      await database.close();
    },
  };
}

export interface TestOrganization extends CreatedOrganization {
  password: string;
}

let organizations = 0;

/** A tenant with an operator and an admin API key. */
export async function anOrganization(server: TestServer): Promise<TestOrganization> {
  organizations += 1;
  const password = `correct horse battery staple ${organizations}`;
  const result = await createOrganization(server.deps, {
    name: `Organization ${organizations}`,
    operatorEmail: `operator-${organizations}-${uuidv7()}@example.com`,
    operatorPassword: password,
  });
  if (result.outcome !== 'created') {
    throw new Error(`could not create a test organization: ${result.outcome}`);
  }
  return { ...result, password };
}

/** A client that calls the API with one API key. */
export function apiClient(server: TestServer, apiKey: string) {
  const call = (options: InjectOptions): Promise<LightMyRequestResponse> =>
    server.http.inject({
      ...options,
      headers: { authorization: `Bearer ${apiKey}`, ...(options.headers ?? {}) },
    });
  return {
    call,
    get: (url: string) => call({ method: 'GET', url }),
    post: (url: string, payload?: object) =>
      call({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) }),
    patch: (url: string, payload: object) => call({ method: 'PATCH', url, payload }),
    delete: (url: string) => call({ method: 'DELETE', url }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
