import { type Entitlement, violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';

export interface CreateEntitlementInput {
  orgId: string;
  appId: string;
  entitlementRefId: string;
  name: string;
  description: string;
}

export type CreateEntitlementResult =
  | { outcome: 'created'; entitlement: Entitlement }
  | { outcome: 'app_not_found' }
  | { outcome: 'entitlement_ref_id_taken' };

export async function createEntitlement(deps: Deps, input: CreateEntitlementInput): Promise<CreateEntitlementResult> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const now = deps.now();
      const entitlement = await trx
        .insertInto('entitlements')
        .values({
          app_id: app.id,
          id: deps.newId(),
          entitlement_ref_id: input.entitlementRefId,
          name: input.name,
          description: input.description,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { outcome: 'created', entitlement } as const;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'entitlements_ref_id_key') {
      return { outcome: 'entitlement_ref_id_taken' };
    }
    throw error;
  }
}
