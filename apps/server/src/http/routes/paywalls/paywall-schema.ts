import { paywallContentSchema } from '@tollgate/core';
import { z } from 'zod';
import type { StoredPaywall, StoredPaywallVersion } from '../../../queries/paywalls.js';
import { displayName, id, timestamp } from '../../schemas.js';

const content = paywallContentSchema.meta({ id: 'PaywallContent' });

export const paywallSchema = z
  .object({
    id,
    app_id: id,
    name: z.string(),
    draft: content.describe('What operators edit; devices see it only once it is published'),
    published_version: z.number().int().nullable().describe('The version devices see; null until published'),
    published: content.nullable().describe('The content of the published version'),
    has_unpublished_changes: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Paywall' });

export const paywallVersionSchema = z
  .object({
    version: z.number().int(),
    content,
    restored_from: z.number().int().nullable().describe('The version this one published again, if a restore'),
    published_at: timestamp,
  })
  .meta({ id: 'PaywallVersion' });

export const paywallInput = z.strictObject({ name: displayName, content: paywallContentSchema });

export const paywallChanges = z.strictObject({ name: displayName, content: paywallContentSchema }).partial();

export const paywallParams = z.strictObject({ appId: id, paywallId: id });

export const paywallVersionParams = z.strictObject({
  appId: id,
  paywallId: id,
  version: z
    .string()
    .regex(/^\d{1,9}$/, 'Must be a version number')
    .transform(Number),
});

export function presentPaywall(paywall: StoredPaywall): z.infer<typeof paywallSchema> {
  return {
    id: paywall.id,
    app_id: paywall.app_id,
    name: paywall.name,
    draft: paywall.draft,
    published_version: paywall.published_version,
    published: paywall.published,
    has_unpublished_changes: paywall.has_unpublished_changes,
    created_at: paywall.created_at.toISOString(),
    updated_at: paywall.updated_at.toISOString(),
  };
}

export function presentPaywallVersion(version: StoredPaywallVersion): z.infer<typeof paywallVersionSchema> {
  return { ...version, published_at: version.published_at.toISOString() };
}
