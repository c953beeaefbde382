import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  anOrganization,
  apiClient,
  startTestServer,
  type TestOrganization,
  type TestServer,
} from '../../../testing/test-server.js';

const DAY_MS = 24 * 60 * 60 * 1000;

let server: TestServer;
let operator: TestOrganization;

beforeAll(async () => {
  server = await startTestServer();
  operator = await anOrganization(server);
});

afterAll(async () => {
  await server.close();
});

function signIn(payload: object): Promise<LightMyRequestResponse> {
  return server.http.inject({ method: 'POST', url: '/api/v1/session', payload });
}

function signOut(options: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
  return server.http.inject({ method: 'DELETE', url: '/api/v1/session', ...options });
}

function me(headers: Record<string, string>): Promise<LightMyRequestResponse> {
  return server.http.inject({ method: 'GET', url: '/api/v1/me', headers });
}

function sessionCookieOf(response: LightMyRequestResponse) {
  const cookie = response.cookies.find((c) => c.name === 'tollgate_session');
  if (cookie === undefined) {
    throw new Error(`no tollgate_session cookie was set: ${response.statusCode} ${response.body}`);
  }
  return cookie;
}

function setCookieHeaders(response: LightMyRequestResponse): string[] {
  const header = response.headers['set-cookie'];
  return header === undefined ? [] : [header].flat().map(String);
}

async function signedIn(): Promise<string> {
  return sessionCookieOf(await signIn({ email: operator.operatorEmail, password: operator.password })).value;
}

describe('signing in', () => {
  test('answers 201 with the operator, organization and session expiry', async () => {
    const response = await signIn({ email: operator.operatorEmail, password: operator.password });

    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({ operator_id: operator.operatorId, org_id: operator.orgId, expires_at: expect.any(String) });
    expect(Date.parse(body.expires_at) - server.deps.now().getTime()).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(Date.parse(body.expires_at) - server.deps.now().getTime()).toBeLessThanOrEqual(7 * DAY_MS);
  });

  test('sets an HttpOnly, SameSite=Strict session cookie for the whole site that lasts 7 days', async () => {
    const response = await signIn({ email: operator.operatorEmail, password: operator.password });

    const cookie = sessionCookieOf(response);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value).toMatch(/^tgs_/);
    expect(cookie.expires?.getTime()).toBe(Math.floor(Date.parse(response.json().expires_at) / 1000) * 1000);
    const [header] = setCookieHeaders(response);
    expect(header).toMatch(/^tollgate_session=/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Strict/);
    expect(header).toMatch(/; Path=\//);
  });

  test('does not mark the cookie Secure when the public URL is plain http', async () => {
    const response = await signIn({ email: operator.operatorEmail, password: operator.password });

    expect(sessionCookieOf(response).secure).toBeUndefined();
    expect(setCookieHeaders(response).join('\n')).not.toMatch(/secure/i);
  });

  test('the cookie then identifies the operator and organization on GET /api/v1/me', async () => {
    const session = await signedIn();

    const response = await me({ cookie: `tollgate_session=${session}` });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      organization: { id: operator.orgId, name: expect.any(String) },
      operator: { id: operator.operatorId, email: operator.operatorEmail },
      api_key: null,
    });
  });

  test('the database keeps only a hash of the session token', async () => {
    const session = await signedIn();

    const rows = await server.database.db.selectFrom('operator_sessions').selectAll().execute();

    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(session);
  });

  test('treats the e-mail address case-insensitively', async () => {
    const response = await signIn({ email: operator.operatorEmail.toUpperCase(), password: operator.password });

    expect(response.statusCode).toBe(201);
    expect(response.json().operator_id).toBe(operator.operatorId);
  });

  test('a wrong password and an unknown e-mail get the same 401 invalid_credentials, and no cookie', async () => {
    const wrongPassword = await signIn({ email: operator.operatorEmail, password: 'not the password' });
    const unknownEmail = await signIn({ email: 'nobody@example.com', password: operator.password });

    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe('invalid_credentials');
      expect(setCookieHeaders(response)).toEqual([]);
    }
    const { request_id: _a, instance: _b, ...wrong } = wrongPassword.json();
    const { request_id: _c, instance: _d, ...unknown } = unknownEmail.json();
    expect(unknown).toEqual(wrong);
  });

  test.each([
    ['no password', () => ({ email: operator.operatorEmail }), 'password'],
    ['an empty password', () => ({ email: operator.operatorEmail, password: '' }), 'password'],
    ['an e-mail that is not an address', () => ({ email: 'operator', password: operator.password }), 'email'],
    ['no e-mail', () => ({ password: operator.password }), 'email'],
    [
      'an unknown field',
      () => ({ email: operator.operatorEmail, password: operator.password, remember_me: true }),
      'remember_me',
    ],
  ])('rejects a body with %s with 400 naming %s, and sets no cookie', async (_case, body, field) => {
    const response = await signIn(body());

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(setCookieHeaders(response)).toEqual([]);
  });
});

describe('repeated failed sign-ins', () => {
  let guarded: TestServer;
  let target: TestOrganization;
  let other: TestOrganization;

  beforeAll(async () => {
    guarded = await startTestServer();
    target = await anOrganization(guarded);
    other = await anOrganization(guarded);
  });

  afterAll(async () => {
    await guarded.close();
  });

  const attempt = (email: string, password: string, remoteAddress = '203.0.113.7') =>
    guarded.http.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, remoteAddress });

  test('after 10 failures an e-mail waits 15 minutes at that address, even with the right password', async () => {
    const failures = [];
    for (let n = 0; n < 10; n++) {
      failures.push((await attempt(target.operatorEmail, `guess ${n}`)).statusCode);
    }

    const blocked = await attempt(target.operatorEmail, target.password);
    const otherOperator = await attempt(other.operatorEmail, other.password);
    const otherAddress = await attempt(target.operatorEmail, target.password, '198.51.100.4');
    guarded.advanceClock(15 * 60_000);
    const later = await attempt(target.operatorEmail, target.password);

    expect(failures).toEqual(Array(10).fill(401));
    expect(blocked.statusCode).toBe(429);
    // Until the first failure is 15 minutes old: the attempts themselves took a moment.
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(850);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(blocked.json()).toMatchObject({
      code: 'too_many_attempts',
      detail: `Too many failed sign-ins: try again in ${retryAfter} seconds`,
    });
    expect(setCookieHeaders(blocked)).toEqual([]);
    expect([otherOperator.statusCode, otherAddress.statusCode, later.statusCode]).toEqual([201, 201, 201]);
  });

  test('behind a trusted proxy, the address counted is the one it forwards', async () => {
    const proxied = await startTestServer({ trustProxy: '127.0.0.1' });
    try {
      const org = await anOrganization(proxied);
      const from = (client: string, password: string) =>
        proxied.http.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email: org.operatorEmail, password },
          headers: { 'x-forwarded-for': client },
        });
      for (let n = 0; n < 10; n++) {
        await from('203.0.113.9', `guess ${n}`);
      }

      const guesser = await from('203.0.113.9', org.password);
      const operator = await from('198.51.100.20', org.password);

      expect([guesser.statusCode, operator.statusCode]).toEqual([429, 201]);
    } finally {
      await proxied.close();
    }
  });
});

describe('signing out', () => {
  test('answers 204, clears the cookie, and the old cookie value stops working', async () => {
    const session = await signedIn();
    expect((await me({ cookie: `tollgate_session=${session}` })).statusCode).toBe(200);

    const response = await signOut({ headers: { cookie: `tollgate_session=${session}` } });

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const cleared = sessionCookieOf(response);
    expect(cleared.value).toBe('');
    expect(cleared.path).toBe('/');
    expect(cleared.expires?.getTime()).toBe(0);
    const after = await me({ cookie: `tollgate_session=${session}` });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  test("ends only that session: the operator's other sessions keep working", async () => {
    const ending = await signedIn();
    const other = await signedIn();

    await signOut({ headers: { cookie: `tollgate_session=${ending}` } });

    expect((await me({ cookie: `tollgate_session=${other}` })).statusCode).toBe(200);
  });

  test('without a cookie answers 204 all the same', async () => {
    const response = await signOut();

    expect(response.statusCode).toBe(204);
    expect(sessionCookieOf(response).value).toBe('');
  });

  test('with a cookie that matches no session answers 204', async () => {
    const response = await signOut({ headers: { cookie: 'tollgate_session=tgs_not-a-session' } });

    expect(response.statusCode).toBe(204);
  });
});

describe('GET /api/v1/me', () => {
  test('with an API key shows the key and organization, and no operator', async () => {
    const client = apiClient(server, operator.apiKey);
    const keys = (await client.get('/api/v1/api-keys')).json().data as { id: string; token_prefix: string }[];
    const adminKey = keys.find((key) => operator.apiKey.startsWith(key.token_prefix));

    const response = await client.get('/api/v1/me');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      organization: { id: operator.orgId, name: expect.any(String) },
      operator: null,
      api_key: { id: adminKey?.id, name: 'Admin key' },
    });
  });

  test('shows the same organization name to the operator and to its API key', async () => {
    const session = await signedIn();

    const asOperator = await me({ cookie: `tollgate_session=${session}` });
    const asApiKey = await apiClient(server, operator.apiKey).get('/api/v1/me');

    expect(asOperator.json().organization).toEqual(asApiKey.json().organization);
  });
});

describe('session lifetime', () => {
  test('a session works until 7 days after sign-in, and not after', async () => {
    const session = await signedIn();

    server.advanceClock(7 * DAY_MS - 60_000);
    const nearlyExpired = await me({ cookie: `tollgate_session=${session}` });
    server.advanceClock(60_000);
    const expired = await me({ cookie: `tollgate_session=${session}` });

    expect(nearlyExpired.statusCode).toBe(200);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('unauthenticated');
  });
});
