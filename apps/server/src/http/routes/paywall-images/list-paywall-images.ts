import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { listPaywallImages } from '../../../queries/paywall-images.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { pageOf, pageQuery, pageRequest, toPage } from '../../pagination.js';
import { problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { paywallImageSchema, presentPaywallImage } from './image-schema.js';

export function listPaywallImagesRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/paywall-images',
    {
      schema: {
        operationId: 'listPaywallImages',
        tags: ['Paywalls'],
        summary: "List an app's paywall images, newest first",
        params: appParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(paywallImageSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = pageRequest(request.query, 'newest_first');

      const app = await findApp(deps.db, orgId, request.params.appId);
      if (!app) {
        throw appNotFound(request.params.appId);
      }
      const images = await listPaywallImages(deps.db, app.id, page);
      return toPage(images, page, (image) => presentPaywallImage(deps.publicUrl, image));
    },
  );
}
