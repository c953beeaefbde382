import { pseudonym } from '@tollgate/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform } from '../../../testing/catalog-builders.js';
import { UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';
import { customerCsv } from './customer-csv.js';
import { aDevice, aUser } from './customer-fixtures.js';

const api = useTestServer();

const T0 = Date.parse('2026-03-01T00:00:00Z');
const minute = (n: number) => new Date(T0 + n * 60_000);
const HEADER = 'pseudonym,user_id,external_id,last_seen_at,app_sessions,platforms,updated_at';

let appId: string;
/** Customers whose external ids need quoting, oldest first; the last two have devices. */
const users: Record<'comma' | 'quote' | 'newline' | 'plain' | 'both', string> = {
  comma: '',
  quote: '',
  newline: '',
  plain: '',
  both: '',
};

beforeAll(async () => {
  appId = (await anApp(api.client)).id;
  const apple = await anAppPlatform(api.client, appId, { store: 'apple' });
  const google = await anAppPlatform(api.client, appId, { store: 'google' });
  users.comma = await aUser(api.server, appId, { updatedAt: minute(1), externalId: 'smith, jane' });
  users.quote = await aUser(api.server, appId, { updatedAt: minute(2), externalId: 'the "best" one' });
  users.newline = await aUser(api.server, appId, { updatedAt: minute(3), externalId: 'two\r\nlines' });
  users.plain = await aUser(api.server, appId, { updatedAt: minute(4) });
  await aDevice(api.server, {
    appId,
    appPlatformId: google.id,
    userId: users.plain,
    sessions: 2,
    lastSeenAt: minute(0),
  });
  users.both = await aUser(api.server, appId, { updatedAt: minute(5), externalId: 'carol' });
  await aDevice(api.server, { appId, appPlatformId: apple.id, userId: users.both, sessions: 1, lastSeenAt: minute(0) });
  await aDevice(api.server, {
    appId,
    appPlatformId: google.id,
    userId: users.both,
    sessions: 1,
    lastSeenAt: minute(0),
  });
});

const exportOf = (query = '') =>
  api.client.get(`/api/v1/apps/${appId}/customers/export.csv${query ? `?${query}` : ''}`);

describe('the customers CSV export', () => {
  test('answers a CSV attachment: a header row, then the customers most recently updated first', async () => {
    api.server.setClock(new Date('2026-03-02T10:00:00Z'));

    const response = await exportOf();

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="customers-2026-03-02.csv"');
    expect(response.trailers).toEqual({ 'x-tollgate-truncated': 'false' });
    expect(response.body.split('\r\n').slice(0, 3)).toEqual([
      HEADER,
      `${pseudonym(users.both)},${users.both},carol,${minute(0).toISOString()},2,apple google,${minute(5).toISOString()}`,
      `${pseudonym(users.plain)},${users.plain},,${minute(0).toISOString()},2,google,${minute(4).toISOString()}`,
    ]);
  });

  test('quotes the values that hold a comma, a quote or a line break, and doubles their quotes', async () => {
    const response = await exportOf();

    const rest = response.body.split('\r\n').slice(3).join('\r\n');
    expect(rest).toBe(
      [
        `${pseudonym(users.newline)},${users.newline},"two\r\nlines",,0,,${minute(3).toISOString()}`,
        `${pseudonym(users.quote)},${users.quote},"the ""best"" one",,0,,${minute(2).toISOString()}`,
        `${pseudonym(users.comma)},${users.comma},"smith, jane",,0,,${minute(1).toISOString()}`,
        '',
      ].join('\r\n'),
    );
  });

  test.each<[string, () => string, () => string[]]>([
    ['platform', () => 'platform=google', () => [users.both, users.plain]],
    ['external_id', () => 'external_id=smith%2C%20jane', () => [users.comma]],
    ['user_id', () => `user_id=${users.quote}`, () => [users.quote]],
    ['external_id and platform', () => 'external_id=carol&platform=apple', () => [users.both]],
    ['a filter nobody matches', () => `device_id=${UNKNOWN_ID}`, () => []],
  ])('applies the list’s filters: %s', async (_name, query, expected) => {
    const response = await exportOf(query());

    const lines = response.body.split('\r\n');
    expect(response.statusCode).toBe(200);
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1, -1).map((line) => line.split(',')[1])).toEqual(expected());
  });

  test.each([
    ['a repeated filter', 'platform=apple&platform=google', 'platform', 'Give this parameter at most once'],
    ['a bad value', 'device_id=nope', 'device_id', 'Must be a UUID'],
    ['a cursor, which it has none of', 'cursor=abc', 'cursor', 'Unknown field'],
    ['a limit, which it has none of', 'limit=10', 'limit', 'Unknown field'],
  ])('refuses %s with 400 naming the parameter', async (_case, query, field, message) => {
    const response = await exportOf(query);

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual([{ location: 'querystring', field, message }]);
  });

  test('answers 404 app_not_found for an unknown app', async () => {
    const response = await api.client.get(`/api/v1/apps/${UNKNOWN_ID}/customers/export.csv`);

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('app_not_found');
  });
});

describe('walking the pages for the CSV', () => {
  async function written(limits: { pageSize: number; maxRows: number }) {
    const csv = await customerCsv(api.server.database.db, appId, {}, limits);
    let text = '';
    for await (const chunk of csv.chunks) {
      text += chunk;
    }
    const ids = text
      .split('\r\n')
      .filter((line) => /^[A-Z]/.test(line) && line !== HEADER)
      .map((line) => line.split(',')[1]);
    return { ids, truncated: csv.truncated() };
  }

  test('reads page after page until the last customer, and says it left none out', async () => {
    expect(await written({ pageSize: 2, maxRows: 100 })).toEqual({
      ids: [users.both, users.plain, users.newline, users.quote, users.comma],
      truncated: false,
    });
  });

  test('stops at the cap, and says it left customers out', async () => {
    expect(await written({ pageSize: 2, maxRows: 3 })).toEqual({
      ids: [users.both, users.plain, users.newline],
      truncated: true,
    });
  });

  test('a cap equal to the number of customers leaves none out', async () => {
    expect(await written({ pageSize: 2, maxRows: 5 })).toEqual({
      ids: [users.both, users.plain, users.newline, users.quote, users.comma],
      truncated: false,
    });
  });
});
