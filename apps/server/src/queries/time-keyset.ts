import { type RawBuilder, sql } from 'kysely';

/**
 * A position in a list ordered by `(time desc, id desc)`: the time of the last row shown,
 * to the microsecond as PostgreSQL keeps it (a JavaScript Date would round it to the
 * millisecond, and rows within that millisecond would be skipped or shown twice), and its id.
 */
export interface TimeKey {
  /** `2026-03-01T12:00:00.123456Z`, always UTC. */
  at: string;
  id: string;
}

/** A keyset page of a newest-first list: the rows after `after` (all of them when null), `limit + 1` at most. */
export interface TimeKeysetPage {
  after: TimeKey | null;
  limit: number;
}

/** The column's exact value as text, for the next page's cursor: `cursor_at` beside each row. */
export function exactTime(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * `(time, id) < (key.at, key.id)`: a row comparison, which PostgreSQL turns into one range
 * scan of an index on `(…, time desc, id desc)` rather than a filter over it.
 */
export function before(timeColumn: string, idColumn: string, key: TimeKey): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) < (cast(${key.at} as timestamptz), cast(${key.id} as uuid))`;
}
