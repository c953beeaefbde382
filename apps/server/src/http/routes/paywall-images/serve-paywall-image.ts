import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { paywallImageBytes } from '../../../queries/paywall-images.js';
import { etagMatches } from '../../etag.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id } from '../../schemas.js';

/** An image never changes once uploaded (a new one gets a new id): caches may keep it for good. */
const FOREVER = 'public, max-age=31536000, immutable';

export function servePaywallImageRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/media/v1/apps/:appId/paywall-images/:imageId',
    {
      schema: {
        operationId: 'getPaywallImage',
        tags: ['Paywalls'],
        summary: 'A paywall image, as devices load it (public)',
        security: [],
        params: z.strictObject({ appId: id, imageId: id }),
        response: {
          200: z.instanceof(Buffer).describe('The image'),
          304: z.undefined().describe('The copy the caller has (If-None-Match) is current'),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { appId, imageId } = request.params;
      const image = await paywallImageBytes(deps.db, appId, imageId);
      if (!image) {
        throw new Problem(404, 'image_not_found', `There is no paywall image ${imageId}`);
      }
      const etag = `"${image.sha256}"`;
      reply.header('cache-control', FOREVER).header('etag', etag).header('x-content-type-options', 'nosniff');
      if (etagMatches(request.headers['if-none-match'], etag)) {
        return reply.code(304).send();
      }
      return reply.type(image.content_type).send(Buffer.from(image.bytes));
    },
  );
}
