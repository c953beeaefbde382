import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { type CsvLimits, CUSTOMER_CSV_COLUMNS, customerCsv } from './customer-csv.js';
import { customerFilters, filterOf } from './customer-query.js';

const LIMITS: CsvLimits = { pageSize: 1000, maxRows: 100_000 };

const TRUNCATED_TRAILER = 'x-tollgate-truncated';

export function exportCustomersRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/customers/export.csv',
    {
      schema: {
        operationId: 'exportCustomers',
        tags: ['Customers'],
        summary: "Download an app's customers as CSV, with the list's filters",
        description:
          `Columns: ${CUSTOMER_CSV_COLUMNS.join(', ')} (RFC 4180; platforms separated by spaces; times in ` +
          `ISO 8601, UTC), most recently updated first. At most ${LIMITS.maxRows.toLocaleString('en')} rows: ` +
          `the response is chunked and ends with the HTTP trailer \`${TRUNCATED_TRAILER}\`, \`true\` when ` +
          'customers were left out (narrow the filters to get them) and `false` otherwise. Written while it ' +
          'is read, not from a snapshot: a customer updated meanwhile may be left out.',
        params: appParams,
        querystring: z.strictObject(customerFilters),
        response: {
          200: {
            description: 'The customers, one per row after a header row',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const csv = await customerCsv(deps.db, app.id, filterOf(request.query), LIMITS);

      const day = deps.now().toISOString().slice(0, 10);
      // The schema types the body as the string it documents; a stream of it is sent, unserialised.
      const streaming: FastifyReply = reply;
      return streaming
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="customers-${day}.csv"`)
        .trailer(TRUNCATED_TRAILER, async () => String(csv.truncated()))
        .send(Readable.from(csv.chunks));
    },
  );
}
