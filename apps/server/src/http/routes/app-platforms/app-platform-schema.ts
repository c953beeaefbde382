import { STORE_PLATFORMS } from '@tollgate/core';
import type { AppPlatform } from '@tollgate/db';
import { z } from 'zod';
import { displayName, id, timestamp } from '../../schemas.js';

export const appPlatformSchema = z
  .object({
    id,
    app_id: id,
    name: z.string(),
    store: z.enum(STORE_PLATFORMS),
    marketplace_app_id: z.string().describe('The bundle id (Apple), package name (Google) or channel id (Roku)'),
    environment: z.string().describe('A label of your choice: production, staging, development…'),
    sdk_key: z.string().describe('The public key the app passes to the Tollgate SDK on this platform'),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'AppPlatform' });

const editable = {
  name: displayName,
  marketplace_app_id: z
    .string()
    .min(1, 'Must not be empty')
    .max(255)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use letters, digits, ".", "_" or "-"')
    .describe('The bundle id (Apple), package name (Google) or channel id (Roku)'),
  environment: z
    .string()
    .min(1, 'Must not be empty')
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lower-case letters, digits, "_" or "-"'),
};

export const appPlatformInput = z.strictObject({
  ...editable,
  store: z.enum(STORE_PLATFORMS),
  environment: editable.environment.default('production'),
});

/** The store is fixed at creation: products and purchases depend on it. */
export const appPlatformChanges = z.strictObject(editable).partial();

export const appPlatformParams = z.strictObject({ appId: id, appPlatformId: id });

export function presentAppPlatform(platform: AppPlatform): z.infer<typeof appPlatformSchema> {
  return {
    id: platform.id,
    app_id: platform.app_id,
    name: platform.name,
    store: platform.store,
    marketplace_app_id: platform.marketplace_app_id,
    environment: platform.environment,
    sdk_key: platform.sdk_key,
    created_at: platform.created_at.toISOString(),
    updated_at: platform.updated_at.toISOString(),
  };
}
