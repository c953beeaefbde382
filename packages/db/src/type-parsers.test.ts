import { openTestDatabase, type TestDatabase } from '@tollgate/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// The same queries must give the same JavaScript values on PostgreSQL and PGlite.

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database.close();
});

describe('values from the database', () => {
  test('a sum of money in int8 micros is an exact JavaScript number', async () => {
    const result = await sql<{ total: number }>`
      select sum(amount)::int8 as total from (values (4990000::int8), (12990000::int8), (-4990000::int8)) as t (amount)
    `.execute(database.db);

    expect(result.rows[0]?.total).toBe(12_990_000);
  });

  test('the largest exact int8 still comes back exact', async () => {
    const result = await sql<{ n: number }>`select 9007199254740991::int8 as n`.execute(database.db);

    expect(result.rows[0]?.n).toBe(Number.MAX_SAFE_INTEGER);
  });

  test('an int8 too large to be exact is refused rather than rounded', async () => {
    await expect(sql`select 9007199254740993::int8 as n`.execute(database.db)).rejects.toThrow(/does not fit/);
  });

  test('count(*) is a number', async () => {
    const result = await database.db
      .selectFrom('tollgate_migrations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();

    expect(result.n).toBeTypeOf('number');
  });

  test('a date is the calendar day, whatever the time zone', async () => {
    const result = await sql<{ day: string }>`select '2026-03-29'::date as day`.execute(database.db);

    expect(result.rows[0]?.day).toBe('2026-03-29');
  });

  test('a timestamptz is a Date at the same instant', async () => {
    const result = await sql<{ at: Date }>`select '2026-11-24T10:15:30.123Z'::timestamptz as at`.execute(database.db);

    expect(result.rows[0]?.at).toEqual(new Date('2026-11-24T10:15:30.123Z'));
  });

  test('jsonb comes back parsed', async () => {
    const result = await sql<{ doc: unknown }>`select ${JSON.stringify({ a: [1, 'two'] })}::jsonb as doc`.execute(
      database.db,
    );

    expect(result.rows[0]?.doc).toEqual({ a: [1, 'two'] });
  });

  test('a unique violation reports its constraint name', async () => {
    const { violatedUniqueConstraint } = await import('./errors.js');
    await sql`create temporary table uniq (v int constraint uniq_v_key unique)`.execute(database.db);
    await sql`insert into uniq values (1)`.execute(database.db);

    const error = await sql`insert into uniq values (${1})`.execute(database.db).catch((e: unknown) => e);

    expect(violatedUniqueConstraint(error)).toBe('uniq_v_key');
  });
});
