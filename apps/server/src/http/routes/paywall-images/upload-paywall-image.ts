import { PAYWALL_IMAGE_TYPES } from '@tollgate/core';
import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { MAX_IMAGE_SIDE, uploadPaywallImage } from '../../../use-cases/upload-paywall-image.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { paywallImageSchema, presentPaywallImage } from './image-schema.js';

/** A paywall image is a screen's worth of pixels, compressed: 2 MiB is plenty. */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export function uploadPaywallImageRoute(http: HttpApp, deps: Deps): void {
  // The image is the body itself (no multipart): what curl --data-binary and fetch send.
  http.addContentTypeParser(
    [...PAYWALL_IMAGE_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES },
    (_request, body, done) => done(null, body),
  );
  http.post(
    '/apps/:appId/paywall-images',
    {
      schema: {
        operationId: 'uploadPaywallImage',
        tags: ['Paywalls'],
        summary: `Upload an image for paywalls: PNG, JPEG, WebP or GIF, at most 2 MiB and ${MAX_IMAGE_SIDE} px a side`,
        description: 'Send the image bytes as the body, with its type as Content-Type (image/png, …).',
        params: appParams,
        body: z.instanceof(Buffer).describe('The image bytes'),
        response: { 201: paywallImageSchema, ...problemResponses(400, 401, 404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { appId } = request.params;
      const declaredType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

      const result = await uploadPaywallImage(deps, { orgId, appId, declaredType, bytes: request.body });

      switch (result.outcome) {
        case 'uploaded':
          return reply.code(201).send(presentPaywallImage(deps.publicUrl, result.image));
        case 'app_not_found':
          throw appNotFound(appId);
        case 'not_an_image':
          throw imageProblem('not_an_image', `The body is not a ${declaredType} image`);
        case 'type_mismatch':
          throw imageProblem('image_type_mismatch', `The body is a ${result.actual} image, not ${declaredType}`);
        case 'too_large':
          throw imageProblem(
            'image_too_large',
            `The image is ${result.width}×${result.height} px: at most ${MAX_IMAGE_SIDE} px a side`,
          );
      }
    },
  );
}

function imageProblem(code: string, detail: string): Problem {
  return new Problem(422, code, detail, [{ location: 'body', field: '', message: detail }]);
}
