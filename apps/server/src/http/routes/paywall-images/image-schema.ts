import { PAYWALL_IMAGE_TYPES } from '@tollgate/core';
import { z } from 'zod';
import { paywallImageUrl } from '../../../placements/image-url.js';
import type { StoredImage } from '../../../queries/paywall-images.js';
import { id, timestamp } from '../../schemas.js';

export const paywallImageSchema = z
  .object({
    id,
    url: z.url().describe('Where devices load it from: public, cached for a year (an image never changes)'),
    content_type: z.enum(PAYWALL_IMAGE_TYPES),
    width: z.number().int(),
    height: z.number().int(),
    byte_size: z.number().int(),
    created_at: timestamp,
  })
  .meta({ id: 'PaywallImage' });

export function presentPaywallImage(publicUrl: string, image: StoredImage): z.infer<typeof paywallImageSchema> {
  return {
    id: image.id,
    url: paywallImageUrl(publicUrl, image.appId, image.id),
    content_type: image.contentType,
    width: image.width,
    height: image.height,
    byte_size: image.byteSize,
    created_at: image.createdAt.toISOString(),
  };
}
