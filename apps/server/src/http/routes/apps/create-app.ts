import type { Deps } from '../../../deps.js';
import { createApp } from '../../../use-cases/create-app.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appInput, appSchema, presentApp } from './app-schema.js';

export function createAppRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps',
    {
      schema: {
        operationId: 'createApp',
        tags: ['Apps'],
        summary: 'Create an app',
        body: appInput,
        response: { 201: appSchema, ...problemResponses(400, 401, 413, 415) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);

      const app = await createApp(deps, { orgId, name: request.body.name });

      return reply.code(201).send(presentApp(app));
    },
  );
}
