import { randomBytes } from 'node:crypto';
import type { Database } from '@tollgate/db';
import type { Destinations } from '@tollgate/integrations';
import { openTestDatabase, type TestDatabase } from '@tollgate/testkit';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll } from 'vitest';
import type { StoreConfig, TrustProxy } from '../config.js';
import type { Deps } from '../deps.js';
import type { HttpApp } from '../http/http-app.js';
import { buildHttpServer } from '../http/server.js';
import { storeGateways } from '../intake/gateways.js';
import { secretBox } from '../security/secret-box.js';
import { type CreatedOrganization, createOrganization } from '../use-cases/create-organization.js';

export interface TestServer {
  http: HttpApp;
  database: TestDatabase;
  deps: Deps;
  /** Moves the server's clock; it starts at the real time. */
  advanceClock(ms: number): void;
  /** Sets the server's clock, which runs on from there (store fixtures are dated in the past). */
  setClock(at: Date): void;
  close(): Promise<void>;
}

/** No outside store unless a test points Tollgate at its fakes. */
const NO_STORES: StoreConfig = {
  appleExtraRootFiles: [],
  googleOidcCertsUrl: 'http://127.0.0.1:9/no-oidc-certs',
  googlePlayApiUrl: 'http://127.0.0.1:9/no-play-api',
  googlePlayAccessToken: undefined,
  googlePlayTimeoutMs: 2000,
};

/** The HTTP API over this test file's own database, driven in-process with `inject`. */
export async function startTestServer(
  options: { stores?: Partial<StoreConfig>; destinations?: Destinations; trustProxy?: TrustProxy } = {},
): Promise<TestServer> {
  const database = await openTestDatabase();
  let offsetMs = 0;
  const deps: Deps = {
    db: database.db,
    now: () => new Date(Date.now() + offsetMs),
    newId: () => uuidv7(),
    secrets: secretBox(randomBytes(32)),
    publicUrl: 'http://localhost:8080',
    // The vendors' fakes listen on 127.0.0.1.
    destinations: options.destinations ?? 'any',
  };
  const http = await buildHttpServer({
    deps,
    database,
    gateways: storeGateways({ ...NO_STORES, ...options.stores }, deps.secrets),
    logger: pino({ level: 'silent' }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  await http.ready();
  return {
    http,
    database,
    deps,
    advanceClock(ms) {
      offsetMs += ms;
    },
    setClock(at) {
      offsetMs = at.getTime() - Date.now();
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

export interface FileServer {
  readonly server: TestServer;
  /** A client with the admin API key of the file's own organization. */
  readonly client: ApiClient;
  readonly organization: TestOrganization;
}

/** One server for the whole test file, started before its tests and closed after them. */
export function useTestServer(options: { stores?: () => Partial<StoreConfig> } = {}): FileServer {
  let context: FileServer | undefined;
  beforeAll(async () => {
    const server = await startTestServer(options.stores ? { stores: options.stores() } : {});
    const organization = await anOrganization(server);
    context = { server, organization, client: apiClient(server, organization.apiKey) };
  });
  afterAll(async () => {
    await context?.server.close();
  });
  const current = (): FileServer => {
    if (!context) {
      throw new Error('the test server is only there inside tests and hooks');
    }
    return context;
  };
  return {
    get server() {
      return current().server;
    },
    get client() {
      return current().client;
    },
    get organization() {
      return current().organization;
    },
  };
}

/** How many rows a table holds: bad input must leave it as it was. */
export async function countRows(server: TestServer, table: keyof Database): Promise<number> {
  const row = await server.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A well-formed id that names nothing. */
export const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
