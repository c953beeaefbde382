import { z } from 'zod';
import type { TimeKey, TimeKeysetPage } from '../../../queries/time-keyset.js';
import { Problem } from '../../problem.js';
import { DEFAULT_PAGE_SIZE } from './customer-query.js';

/**
 * The cursor of a list ordered by `(time desc, id desc)`: the last row's exact time and id,
 * base64url-encoded JSON. Opaque to clients, who only pass back what they were given.
 */
const cursorSchema = z.strictObject({ at: z.iso.datetime(), id: z.uuid() });

function encodeTimeCursor(key: TimeKey): string {
  return Buffer.from(JSON.stringify({ at: key.at, id: key.id })).toString('base64url');
}

function decodeTimeCursor(cursor: string): TimeKey | null {
  const decoded = cursorSchema.safeParse(parseJson(Buffer.from(cursor, 'base64url').toString('utf8')));
  return decoded.success ? decoded.data : null;
}

export function timeKeysetPage(query: { limit?: number | undefined; cursor?: string | undefined }): TimeKeysetPage {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (query.cursor === undefined) {
    return { after: null, limit };
  }
  const after = decodeTimeCursor(query.cursor);
  if (after === null) {
    throw new Problem(400, 'validation_failed', 'The cursor is not one this API returned', [
      { location: 'querystring', field: 'cursor', message: 'Not a cursor returned by this API' },
    ]);
  }
  return { after, limit };
}

/** Queries fetch `limit + 1` rows: the extra one only says that another page exists. */
export function toTimePage<Row extends { id: string; cursor_at: string }, Item>(
  rows: Row[],
  page: TimeKeysetPage,
  present: (row: Row) => Item,
): { data: Item[]; next_cursor: string | null } {
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  const more = rows.length > page.limit && last !== undefined;
  return {
    data: shown.map(present),
    next_cursor: more ? encodeTimeCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON means not our cursor: the schema check that follows says so.
    return null;
  }
}
