import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { listApps } from '../../../queries/apps.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appSchema, presentApp } from './app-schema.js';

export function listAppsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps',
    {
      schema: {
        operationId: 'listApps',
        tags: ['Apps'],
        summary: 'List apps, oldest first',
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(appSchema), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query);

      const apps = await listApps(deps.db, orgId, page);

      return toPage(apps, page, presentApp);
    },
  );
}
