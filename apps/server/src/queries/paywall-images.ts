import type { ImageInfo } from '@tollgate/core';
import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import type { PageRequest } from './page.js';

export interface StoredImage extends ImageInfo {
  appId: string;
  id: string;
  byteSize: number;
  sha256: string;
  createdAt: Date;
}

export async function listPaywallImages(
  db: Kysely<Database>,
  appId: string,
  page: PageRequest,
): Promise<StoredImage[]> {
  const rows = await db
    .selectFrom('paywall_images')
    .select(['app_id', 'id', 'content_type', 'width', 'height', 'byte_size', 'sha256', 'created_at'])
    .where('app_id', '=', appId)
    .where('id', '<', page.after)
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  return rows.map((row) => ({
    appId: row.app_id,
    id: row.id,
    contentType: row.content_type as StoredImage['contentType'],
    width: row.width,
    height: row.height,
    byteSize: row.byte_size,
    sha256: row.sha256,
    createdAt: row.created_at,
  }));
}

export function paywallImageBytes(db: Kysely<Database>, appId: string, imageId: string) {
  return db
    .selectFrom('paywall_images')
    .select(['content_type', 'sha256', 'bytes'])
    .where('app_id', '=', appId)
    .where('id', '=', imageId)
    .executeTakeFirst();
}
