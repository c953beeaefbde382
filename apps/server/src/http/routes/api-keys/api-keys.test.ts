import { describe, expect, test } from 'vitest';
import { apiClient, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

interface CreatedKey {
  id: string;
  name: string;
  token: string;
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

async function aKey(name = 'CI'): Promise<CreatedKey> {
  const response = await api.client.post('/api/v1/api-keys', { name });
  if (response.statusCode !== 201) {
    throw new Error(`expected 201 Created, got ${response.statusCode}: ${response.body}`);
  }
  return response.json();
}

async function listedKey(id: string): Promise<Record<string, unknown> | undefined> {
  const page = await api.client.get('/api/v1/api-keys?limit=100');
  return page.json().data.find((key: { id: string }) => key.id === id);
}

describe('creating an API key', () => {
  test('answers 201 with the token, shown this once, and its first 12 characters as token_prefix', async () => {
    const response = await api.client.post('/api/v1/api-keys', { name: 'Deploy bot' });

    expect(response.statusCode).toBe(201);
    const key = response.json();
    expect(key).toEqual({
      id: expect.any(String),
      name: 'Deploy bot',
      token: expect.stringMatching(/^tgk_/),
      token_prefix: expect.any(String),
      created_at: expect.any(String),
      last_used_at: null,
      revoked_at: null,
    });
    expect(key.token_prefix).toBe(key.token.slice(0, 12));
    expect(key.token_prefix).toHaveLength(12);
  });

  test('trims the name', async () => {
    const key = await aKey('  Spaced  ');

    expect(key.name).toBe('Spaced');
  });

  test('gives every key its own token', async () => {
    const first = await aKey();
    const second = await aKey();

    expect(second.token).not.toBe(first.token);
  });

  test('the new token authenticates as that key', async () => {
    const key = await aKey('Fresh');

    const response = await apiClient(api.server, key.token).get('/api/v1/me');

    expect(response.statusCode).toBe(200);
    expect(response.json().api_key).toEqual({ id: key.id, name: 'Fresh' });
  });

  test.each([
    ['no name', {}, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name that is not a string', { name: 7 }, 'name'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name'],
    ['an unknown field', { name: 'ok', scopes: ['all'] }, 'scopes'],
  ])('rejects %s with 400 naming %s, and creates no key', async (_case, body, field) => {
    const before = await api.server.database.db.selectFrom('api_keys').select('id').execute();

    const response = await api.client.post('/api/v1/api-keys', body);

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await api.server.database.db.selectFrom('api_keys').select('id').execute()).toHaveLength(before.length);
  });
});

describe('keeping the token secret', () => {
  test('the list shows the key by its prefix, never its token or any hash', async () => {
    const key = await aKey('Listed');
    const { token_hash: hash } = await api.server.database.db
      .selectFrom('api_keys')
      .select('token_hash')
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();

    const page = await api.client.get('/api/v1/api-keys?limit=100');

    expect(page.statusCode).toBe(200);
    const listed = page.json().data.find((item: { id: string }) => item.id === key.id);
    expect(listed).toEqual({
      id: key.id,
      name: 'Listed',
      token_prefix: key.token_prefix,
      created_at: key.created_at,
      last_used_at: null,
      revoked_at: null,
    });
    for (const item of page.json().data) {
      expect(Object.keys(item).sort()).toEqual(
        ['created_at', 'id', 'last_used_at', 'name', 'revoked_at', 'token_prefix'].sort(),
      );
    }
    expect(page.body).not.toContain(key.token);
    expect(page.body).not.toContain(hash);
    expect(page.body).not.toMatch(/hash/i);
  });

  test('the database stores a hash of the token, and the token nowhere', async () => {
    const key = await aKey('Stored');

    const row = await api.server.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();

    expect(row.token_hash).not.toBe(key.token);
    expect(row.token_hash).not.toContain(key.token.slice(4));
    expect(row.token_prefix).toBe(key.token_prefix);
    for (const [column, value] of Object.entries(row)) {
      expect(String(value), column).not.toBe(key.token);
      expect(String(value), column).not.toContain(key.token.slice(12));
    }
  });
});

describe('using an API key', () => {
  test('sets last_used_at on the key, which was null until then', async () => {
    const key = await aKey('Used');
    const unused = await listedKey(key.id);

    await apiClient(api.server, key.token).get('/api/v1/apps');

    expect(unused?.last_used_at).toBeNull();
    const used = await listedKey(key.id);
    expect(used?.last_used_at).toEqual(expect.any(String));
    expect(Math.abs(Date.parse(String(used?.last_used_at)) - api.server.deps.now().getTime())).toBeLessThan(60_000);
  });
});

describe('revoking an API key', () => {
  test('answers 200 with revoked_at set, and the token stops working at once', async () => {
    const key = await aKey('Leaked');
    const keyClient = apiClient(api.server, key.token);
    expect((await keyClient.get('/api/v1/me')).statusCode).toBe(200);

    const response = await api.client.post(`/api/v1/api-keys/${key.id}/revoke`);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: key.id, name: 'Leaked', token_prefix: key.token_prefix });
    expect(response.json().revoked_at).toEqual(expect.any(String));
    expect(response.json()).not.toHaveProperty('token');
    const after = await keyClient.get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  test('the list still shows a revoked key, with its revoked_at', async () => {
    const key = await aKey('Old');
    const revoked = (await api.client.post(`/api/v1/api-keys/${key.id}/revoke`)).json();

    const listed = await listedKey(key.id);

    expect(listed?.revoked_at).toBe(revoked.revoked_at);
  });

  test('revoking twice is harmless and keeps the first revoked_at', async () => {
    const key = await aKey('Twice');
    const first = await api.client.post(`/api/v1/api-keys/${key.id}/revoke`);
    api.server.advanceClock(5 * 60_000);

    const second = await api.client.post(`/api/v1/api-keys/${key.id}/revoke`);

    expect(second.statusCode).toBe(200);
    expect(second.json().revoked_at).toBe(first.json().revoked_at);
    expect((await apiClient(api.server, key.token).get('/api/v1/me')).statusCode).toBe(401);
  });

  test('a key can revoke itself, and its next call is refused', async () => {
    const key = await aKey('Self');
    const keyClient = apiClient(api.server, key.token);

    const response = await keyClient.post(`/api/v1/api-keys/${key.id}/revoke`);

    expect(response.statusCode).toBe(200);
    expect((await keyClient.get('/api/v1/me')).statusCode).toBe(401);
  });

  test('revoking one key leaves the others working', async () => {
    const revoked = await aKey('Revoked');
    const kept = await aKey('Kept');

    await api.client.post(`/api/v1/api-keys/${revoked.id}/revoke`);

    expect((await apiClient(api.server, kept.token).get('/api/v1/me')).statusCode).toBe(200);
  });

  test('answers an unknown id with 404 api_key_not_found', async () => {
    const response = await api.client.post('/api/v1/api-keys/01900000-0000-7000-8000-000000000000/revoke');

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('api_key_not_found');
  });

  test('answers a malformed id with 400 naming apiKeyId', async () => {
    const response = await api.client.post('/api/v1/api-keys/not-a-uuid/revoke');

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ location: 'params', field: 'apiKeyId', message: 'Must be a UUID' }]);
  });
});
