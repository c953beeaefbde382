import { sql } from 'kysely';

/**
 * `column = any($1::uuid[])`: one array parameter rather than an IN list, so that the
 * statement's text, and with it its cached plan, is the same whatever the number of ids.
 */
export function anyOf(column: string, ids: readonly string[]) {
  return sql<boolean>`${sql.ref(column)} = any(${ids}::uuid[])`;
}
