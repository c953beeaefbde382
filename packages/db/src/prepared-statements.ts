import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** PostgreSQL's "cached plan must not change result type": a table a statement reads changed shape. */
const STALE_PLAN = '0A000';

/**
 * The pool Kysely sees: every statement with parameters is prepared once per connection,
 * under a name made from its text, so PostgreSQL parses and plans it once rather than on
 * every call (planning was most of the time of the SDK's hot statements). Statements without
 * parameters (migrations, DDL) go as they are: they may hold several commands. A connection
 * whose prepared statement went stale after a migration is closed rather than reused.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      let stale = false;
      async function run<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        try {
          const result = await client.query({
            text,
            values: [...parameters],
            ...(parameters.length > 0 ? { name: statementName(text) } : {}),
          });
          // pg types `command` as any string; Kysely narrows it to the commands it sends.
          return result as unknown as PostgresQueryResult<R>;
        } catch (error) {
          stale ||= (error as { code?: string }).code === STALE_PLAN;
          throw error;
        }
      }
      function query<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        textOrCursor: string | PostgresCursor<R>,
        parameters: ReadonlyArray<unknown> = [],
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof textOrCursor !== 'string') {
          // Kysely streams through a cursor only when the dialect is given one; ours is not.
          throw new Error('streaming queries are not configured');
        }
        return run<R>(textOrCursor, parameters);
      }
      const prepared: PostgresPoolClient = { query, release: () => client.release(stale) };
      return prepared;
    },
    end: () => pool.end(),
  };
}

function statementName(text: string): string {
  return `tg_${createHash('sha1').update(text).digest('base64url')}`;
}
