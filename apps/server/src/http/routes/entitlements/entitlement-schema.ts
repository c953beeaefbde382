import type { Entitlement } from '@tollgate/db';
import { z } from 'zod';
import { displayName, id, refId, timestamp } from '../../schemas.js';

export const entitlementSchema = z
  .object({
    id,
    app_id: id,
    entitlement_ref_id: z.string().describe('What the app checks for, on every platform: unique per app'),
    name: z.string(),
    description: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Entitlement' });

export const entitlementInput = z.strictObject({
  entitlement_ref_id: refId,
  name: displayName,
  description: z.string().trim().max(2000).default(''),
});

export const entitlementChanges = z
  .strictObject({
    entitlement_ref_id: refId,
    name: displayName,
    description: z.string().trim().max(2000),
  })
  .partial();

export const entitlementParams = z.strictObject({ appId: id, entitlementId: id });

export function presentEntitlement(entitlement: Entitlement): z.infer<typeof entitlementSchema> {
  return {
    id: entitlement.id,
    app_id: entitlement.app_id,
    entitlement_ref_id: entitlement.entitlement_ref_id,
    name: entitlement.name,
    description: entitlement.description,
    created_at: entitlement.created_at.toISOString(),
    updated_at: entitlement.updated_at.toISOString(),
  };
}
