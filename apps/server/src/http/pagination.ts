import { z } from 'zod';
import type { PageRequest } from '../queries/page.js';
import { Problem } from './problem.js';

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 50;

/** `?limit=&cursor=`: query strings are text, so the number is parsed here, explicitly. */
export const pageQuery = {
  limit: z
    .string()
    .regex(/^\d+$/, 'Must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PAGE_SIZE))
    .optional()
    .describe(`How many items per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`),
  cursor: z.string().max(200).optional().describe('The `next_cursor` of the previous page'),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().describe('Pass it as `cursor` for the next page; null on the last page'),
  });
}

const BEFORE_ALL_IDS = '00000000-0000-0000-0000-000000000000';
const AFTER_ALL_IDS = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const cursorSchema = z.object({ after: z.uuid() });

/**
 * Cursors are opaque to clients: the last id of a page, encoded. A newest-first list
 * starts after an id above them all, and goes down.
 */
export function pageRequest(
  query: { limit?: number | undefined; cursor?: string | undefined },
  order: 'oldest_first' | 'newest_first' = 'oldest_first',
): PageRequest {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (query.cursor === undefined) {
    return { after: order === 'oldest_first' ? BEFORE_ALL_IDS : AFTER_ALL_IDS, limit };
  }
  const decoded = cursorSchema.safeParse(parseJson(Buffer.from(query.cursor, 'base64url').toString('utf8')));
  if (!decoded.success) {
    throw new Problem(400, 'validation_failed', 'The cursor is not one this API returned', [
      { location: 'querystring', field: 'cursor', message: 'Not a cursor returned by this API' },
    ]);
  }
  return { after: decoded.data.after, limit };
}

/** Queries fetch `limit + 1` rows: the extra one only says that another page exists. */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  request: PageRequest,
  present: (row: Row) => Item,
): { data: Item[]; next_cursor: string | null } {
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  const more = rows.length > request.limit && last !== undefined;
  return {
    data: page.map(present),
    next_cursor: more ? Buffer.from(JSON.stringify({ after: last.id })).toString('base64url') : null,
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
