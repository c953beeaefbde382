import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { describeCaller } from '../../../queries/callers.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';

export function whoAmIRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/me',
    {
      schema: {
        operationId: 'whoAmI',
        tags: ['Session'],
        summary: 'Who is calling: the organization, and the operator or API key',
        response: {
          200: z.object({
            organization: z.object({ id: z.uuid(), name: z.string() }),
            operator: z.object({ id: z.uuid(), email: z.string() }).nullable(),
            api_key: z.object({ id: z.uuid(), name: z.string() }).nullable(),
          }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => describeCaller(deps.db, principalOf(request)),
  );
}
