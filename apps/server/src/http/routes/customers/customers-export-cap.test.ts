import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { anApp } from '../../../testing/catalog-builders.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

test('stops at 100 000 customers and ends with the trailer x-tollgate-truncated: true', async () => {
  const appId = (await anApp(api.client)).id;
  // One more customer than the cap, written in one statement: only the count matters here.
  await sql`insert into users (app_id, id, created_at, updated_at)
    select ${appId}::uuid, gen_random_uuid(), timestamptz '2026-01-01', timestamptz '2026-01-01' + n * interval '1 second'
    from generate_series(1, 100001) n`.execute(api.server.database.db);

  const response = await api.client.get(`/api/v1/apps/${appId}/customers/export.csv`);

  const lines = response.body.split('\r\n');
  expect(response.statusCode).toBe(200);
  expect(response.headers.trailer).toBe('x-tollgate-truncated');
  expect(response.trailers).toEqual({ 'x-tollgate-truncated': 'true' });
  expect(lines.length).toBe(1 + 100_000 + 1);
  expect(lines.at(-1)).toBe('');
  expect(lines[1]).toMatch(/,2026-01-02T03:46:41\.000Z$/);
});
