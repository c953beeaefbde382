import type { DatabaseHandle } from '@tollgate/db';
import { z } from 'zod';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';

export function healthRoutes(http: HttpApp, database: DatabaseHandle): void {
  http.get(
    '/healthz',
    {
      schema: {
        operationId: 'health',
        tags: ['Health'],
        summary: 'Liveness: the process is up and serving',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  http.get(
    '/readyz',
    {
      schema: {
        operationId: 'ready',
        tags: ['Health'],
        summary: 'Readiness: the database answers',
        security: [],
        response: {
          200: z.object({ status: z.literal('ready'), database: z.enum(['postgres', 'pglite']) }),
          ...problemResponses(503),
        },
      },
    },
    async () => {
      if (!(await database.isReachable())) {
        throw new Problem(503, 'database_unreachable', 'The database does not answer');
      }
      return { status: 'ready' as const, database: database.driver };
    },
  );
}
