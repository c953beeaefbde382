import { pseudonym } from '@tollgate/core';
import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import { type CustomerFilter, type CustomerRow, listCustomers } from '../../../queries/customers.js';

export const CUSTOMER_CSV_COLUMNS = [
  'pseudonym',
  'user_id',
  'external_id',
  'last_seen_at',
  'app_sessions',
  'platforms',
  'updated_at',
] as const;

/**
 * One field as RFC 4180 wants it: quoted when it holds a comma, a double quote or a line
 * break, with its double quotes doubled; null is an empty field. Text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, a tab or a carriage return) gets a
 * leading apostrophe, as OWASP advises: external ids come from the app's own users.
 */
export function csvField(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(fields: ReadonlyArray<string | number | null>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function customerRecord(row: CustomerRow): string {
  return csvRecord([
    pseudonym(row.id),
    row.id,
    row.external_id,
    row.last_seen_at?.toISOString() ?? null,
    row.sessions_count,
    row.platforms.join(' '),
    row.updated_at.toISOString(),
  ]);
}

export interface CsvLimits {
  /** Rows read per query: memory holds one page at a time. */
  pageSize: number;
  /** Rows written at most; the rest are left out and `truncated()` says so. */
  maxRows: number;
}

export interface CustomerCsv {
  /** The file, one page of records per chunk, the header row first. */
  chunks: AsyncGenerator<string>;
  /** Once `chunks` is done: whether customers were left out because of `maxRows`. */
  truncated(): boolean;
}

/**
 * The customers list as CSV, walked page by page along the list's keyset. The first page is
 * read before this returns, so that a database failure is still an error response and not a
 * cut-off file. Not a snapshot: a customer updated during the walk moved ahead of it and may
 * be left out, as when paging through the list.
 */
export async function customerCsv(
  db: Kysely<Database>,
  appId: string,
  filter: CustomerFilter,
  limits: CsvLimits,
): Promise<CustomerCsv> {
  const firstLimit = Math.min(limits.pageSize, limits.maxRows);
  const first = await listCustomers(db, appId, filter, { after: null, limit: firstLimit });
  let truncated = false;

  async function* chunks(): AsyncGenerator<string> {
    yield csvRecord(CUSTOMER_CSV_COLUMNS);
    let rows = first;
    let limit = firstLimit;
    let written = 0;
    for (;;) {
      const page = rows.slice(0, limit);
      if (page.length > 0) {
        yield page.map(customerRecord).join('');
      }
      written += page.length;
      const last = page.at(-1);
      if (rows.length <= limit || last === undefined) {
        return;
      }
      if (written >= limits.maxRows) {
        truncated = true;
        return;
      }
      limit = Math.min(limits.pageSize, limits.maxRows - written);
      rows = await listCustomers(db, appId, filter, { after: { at: last.cursor_at, id: last.id }, limit });
    }
  }

  return { chunks: chunks(), truncated: () => truncated };
}
