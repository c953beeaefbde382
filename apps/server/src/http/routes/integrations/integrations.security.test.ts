import { randomBytes } from 'node:crypto';
import { openTestDatabase } from '@tollgate/testkit';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Deps } from '../../../deps.js';
import { storeGateways } from '../../../intake/gateways.js';
import { secretBox } from '../../../security/secret-box.js';
import { anApp, anAppPlatform } from '../../../testing/catalog-builders.js';
import { type ApiClient, anOrganization, apiClient, countRows, type TestServer } from '../../../testing/test-server.js';
import { buildHttpServer } from '../../server.js';
import {
  amplitudeBody,
  feedBody,
  integrationsUrl,
  integrationUrl,
  SECRETS,
  storedIntegration,
  webhookBody,
} from './integration-builders.js';

/** Every line the server logs, at every level: none may hold a secret. */
const logLines: string[] = [];
let server: TestServer;
let clientA: ApiClient;
let clientB: ApiClient;
let appOfA: { id: string };
let platformOfA: { id: string };
let appOfB: { id: string };
const integrationsOfA: { id: string }[] = [];
let signingSecret = '';

beforeAll(async () => {
  server = await startLoggedServer();
  clientA = apiClient(server, (await anOrganization(server)).apiKey);
  clientB = apiClient(server, (await anOrganization(server)).apiKey);
  appOfA = await anApp(clientA);
  platformOfA = await anAppPlatform(clientA, appOfA.id);
  appOfB = await anApp(clientB);
  for (const body of [amplitudeBody(), feedBody(platformOfA.id), webhookBody()]) {
    const response = await clientA.post(integrationsUrl(appOfA.id), body);
    expect(response.statusCode, response.body).toBe(201);
    integrationsOfA.push(response.json());
    signingSecret ||= response.json().signing_secret ?? '';
  }
});

afterAll(async () => {
  await server?.close();
});

type Method = 'GET' | 'PATCH' | 'DELETE' | 'POST';

/** Every operation on one integration, as a real client of that kind would call it. */
const itemOperations: [string, Method, string, object?][] = [
  ['get', 'GET', ''],
  ['update', 'PATCH', '', { name: 'Taken over', enabled: false }],
  ['delete', 'DELETE', ''],
  ['resume', 'POST', '/resume'],
];

/** Everything of A's integrations that B could change, as stored. */
async function stateOfA() {
  return {
    rows: await Promise.all(integrationsOfA.map((integration) => storedIntegration(server, integration.id))),
    count: await countRows(server, 'integrations'),
  };
}

describe("another organization's API key", () => {
  test.each(itemOperations)(
    "gets 404 app_not_found for %s of A's integrations under A's app, exactly as for a missing app",
    async (_case, method, suffix, payload) => {
      const before = await stateOfA();

      for (const integration of integrationsOfA) {
        const foreign = await clientB.call({
          method,
          url: `${integrationUrl(appOfA.id, integration.id)}${suffix}`,
          payload,
        });
        const missing = await clientB.call({
          method,
          url: `${integrationUrl(uuidv7(), integration.id)}${suffix}`,
          payload,
        });

        expect(foreign.statusCode).toBe(404);
        expect(foreign.json().code).toBe('app_not_found');
        expect(missing.json().code).toBe('app_not_found');
      }
      expect(await stateOfA()).toEqual(before);
    },
  );

  test.each(itemOperations)(
    "gets 404 integration_not_found for %s of A's integrations through B's own app",
    async (_case, method, suffix, payload) => {
      const before = await stateOfA();

      for (const integration of integrationsOfA) {
        const response = await clientB.call({
          method,
          url: `${integrationUrl(appOfB.id, integration.id)}${suffix}`,
          payload,
        });

        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe('integration_not_found');
      }
      expect(await stateOfA()).toEqual(before);
    },
  );

  test("can neither list nor add to A's app's integrations", async () => {
    const before = await stateOfA();

    const list = await clientB.get(integrationsUrl(appOfA.id));
    const create = await clientB.post(integrationsUrl(appOfA.id), webhookBody());

    expect([list.statusCode, list.json().code]).toEqual([404, 'app_not_found']);
    expect([create.statusCode, create.json().code]).toEqual([404, 'app_not_found']);
    expect(await stateOfA()).toEqual(before);
  });

  test("cannot point a feed of its own app at A's platform", async () => {
    const before = await stateOfA();

    const response = await clientB.post(integrationsUrl(appOfB.id), feedBody(platformOfA.id));

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'unknown_app_platform', errors: [{ field: 'app_platform_id' }] });
    expect(await stateOfA()).toEqual(before);
  });

  test("sees none of A's integrations in its own list", async () => {
    const response = await clientB.get(integrationsUrl(appOfB.id));

    expect(response.json()).toEqual({ data: [], next_cursor: null });
  });
});

describe('secrets', () => {
  /** Each secret, and its middle: a hint may show the last four characters, nothing more. */
  const secretParts = () =>
    [...Object.values(SECRETS), signingSecret].flatMap((secret) => [secret, secret.slice(0, -4)]);

  const answers: Record<string, string> = {};

  beforeAll(async () => {
    const [amplitude, feed, webhook] = integrationsOfA.map((integration) => integration.id) as [string, string, string];
    const patch = (id: string, body: object) => clientA.patch(integrationUrl(appOfA.id, id), body);
    answers['get Amplitude'] = (await clientA.get(integrationUrl(appOfA.id, amplitude))).body;
    answers['get feed'] = (await clientA.get(integrationUrl(appOfA.id, feed))).body;
    answers['get webhook'] = (await clientA.get(integrationUrl(appOfA.id, webhook))).body;
    answers.list = (await clientA.get(integrationsUrl(appOfA.id))).body;
    answers['update of a secret'] = (await patch(amplitude, { secret_key: SECRETS.secretKey })).body;
    answers['update of the other fields'] = (
      await patch(webhook, { name: 'Renamed', url: 'https://b.example.com' })
    ).body;
    answers.resume = (await clientA.post(`${integrationUrl(appOfA.id, feed)}/resume`)).body;
    answers['a validation error next to valid secrets'] = (
      await clientA.post(integrationsUrl(appOfA.id), amplitudeBody({ event_types: ['nope'] }))
    ).body;
    answers['a secret that is too long'] = (
      await clientA.post(integrationsUrl(appOfA.id), webhookBody({ authorization: SECRETS.authorization.repeat(100) }))
    ).body;
    answers['a secret in an unknown field'] = (
      await clientA.post(integrationsUrl(appOfA.id), webhookBody({ secret: SECRETS.feedSecret }))
    ).body;
    answers['a secret in a field of another kind'] = (
      await patch(webhook, { api_key: SECRETS.apiKey, key: SECRETS.feedKey })
    ).body;
    answers['a conflict'] = (await clientA.post(integrationsUrl(appOfA.id), amplitudeBody())).body;
  });

  test.each([
    'get Amplitude',
    'get feed',
    'get webhook',
    'list',
    'update of a secret',
    'update of the other fields',
    'resume',
    'a validation error next to valid secrets',
    'a secret that is too long',
    'a secret in an unknown field',
    'a secret in a field of another kind',
    'a conflict',
  ])('are not in the answer to %s', (answer) => {
    const text = answers[answer] ?? '';

    expect(text).not.toBe('');
    for (const part of secretParts()) {
      expect(text).not.toContain(part);
    }
  });

  test('are shown as hints where the API shows them', () => {
    expect(answers.list).toContain(`"api_key":"••••${SECRETS.apiKey.slice(-4)}"`);
    expect(answers.list).toContain(`"signing_secret":"••••${signingSecret.slice(-4)}"`);
  });

  test('are in no log line', () => {
    expect(logLines.length).toBeGreaterThan(20);
    const log = logLines.join('\n');
    for (const part of secretParts()) {
      expect(log).not.toContain(part);
    }
  });
});

/** The test server of `useTestServer`, with a logger that keeps every line. */
async function startLoggedServer(): Promise<TestServer> {
  const database = await openTestDatabase();
  const deps: Deps = {
    db: database.db,
    now: () => new Date(),
    newId: () => uuidv7(),
    secrets: secretBox(randomBytes(32)),
    publicUrl: 'http://localhost:8080',
    destinations: 'any',
  };
  const http = await buildHttpServer({
    deps,
    database,
    gateways: storeGateways(
      {
        appleExtraRootFiles: [],
        googleOidcCertsUrl: 'http://127.0.0.1:9/no-oidc-certs',
        googlePlayApiUrl: 'http://127.0.0.1:9/no-play-api',
        googlePlayAccessToken: undefined,
        googlePlayTimeoutMs: 2000,
      },
      deps.secrets,
    ),
    logger: pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) }),
  });
  await http.ready();
  return {
    http,
    database,
    deps,
    advanceClock() {},
    setClock() {},
    async close() {
      await http.close();
      await database.close();
    },
  };
}
