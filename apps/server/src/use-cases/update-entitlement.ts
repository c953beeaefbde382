import { type Entitlement, violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';

export interface UpdateEntitlementInput {
  orgId: string;
  appId: string;
  entitlementId: string;
  changes: {
    entitlement_ref_id?: string | undefined;
    name?: string | undefined;
    description?: string | undefined;
  };
}

export type UpdateEntitlementResult =
  | { outcome: 'updated'; entitlement: Entitlement }
  | { outcome: 'app_not_found' }
  | { outcome: 'entitlement_not_found' }
  | { outcome: 'entitlement_ref_id_taken' };

export async function updateEntitlement(deps: Deps, input: UpdateEntitlementInput): Promise<UpdateEntitlementResult> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const entitlement = await trx
        .updateTable('entitlements')
        .set({ ...input.changes, updated_at: deps.now() })
        .where('app_id', '=', app.id)
        .where('id', '=', input.entitlementId)
        .returningAll()
        .executeTakeFirst();
      return entitlement
        ? ({ outcome: 'updated', entitlement } as const)
        : ({ outcome: 'entitlement_not_found' } as const);
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'entitlements_ref_id_key') {
      return { outcome: 'entitlement_ref_id_taken' };
    }
    throw error;
  }
}
