import { createHash } from 'node:crypto';
import { imageInfo } from '@tollgate/core';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import type { StoredImage } from '../queries/paywall-images.js';

/** Wider or taller than any phone or TV screen needs. */
export const MAX_IMAGE_SIDE = 4096;

export type UploadPaywallImageResult =
  | { outcome: 'uploaded'; image: StoredImage }
  | { outcome: 'app_not_found' }
  | { outcome: 'not_an_image' }
  | { outcome: 'type_mismatch'; actual: string }
  | { outcome: 'too_large'; width: number; height: number };

/** Keeps an image a paywall can show, after checking that the bytes are the image they claim to be. */
export async function uploadPaywallImage(
  deps: Deps,
  input: { orgId: string; appId: string; declaredType: string; bytes: Uint8Array },
): Promise<UploadPaywallImageResult> {
  const info = imageInfo(input.bytes);
  if (!info) {
    return { outcome: 'not_an_image' };
  }
  if (info.contentType !== input.declaredType) {
    return { outcome: 'type_mismatch', actual: info.contentType };
  }
  if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE) {
    return { outcome: 'too_large', width: info.width, height: info.height };
  }
  const app = await findApp(deps.db, input.orgId, input.appId);
  if (!app) {
    return { outcome: 'app_not_found' };
  }
  const image: StoredImage = {
    ...info,
    appId: app.id,
    id: deps.newId(),
    byteSize: input.bytes.byteLength,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    createdAt: deps.now(),
  };
  await deps.db
    .insertInto('paywall_images')
    .values({
      app_id: image.appId,
      id: image.id,
      content_type: image.contentType,
      byte_size: image.byteSize,
      width: image.width,
      height: image.height,
      sha256: image.sha256,
      bytes: input.bytes,
      created_at: image.createdAt,
    })
    .execute();
  return { outcome: 'uploaded', image };
}
