import type { PaywallContent } from '@tollgate/core';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { findPaywall, type StoredPaywall } from '../queries/paywalls.js';
import { type BrokenReference, brokenReferences } from './paywall-references.js';

export type UpdatePaywallResult =
  | { outcome: 'updated'; paywall: StoredPaywall }
  | { outcome: 'app_not_found' }
  | { outcome: 'paywall_not_found' }
  | { outcome: 'broken_references'; broken: BrokenReference[] };

/** Renames the paywall or replaces its draft: what devices see changes only on publish. */
export async function updatePaywall(
  deps: Deps,
  input: {
    orgId: string;
    appId: string;
    paywallId: string;
    name?: string | undefined;
    content?: PaywallContent | undefined;
  },
): Promise<UpdatePaywallResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    if (input.content) {
      const broken = await brokenReferences(trx, app.id, input.content);
      if (broken.length > 0) {
        return { outcome: 'broken_references', broken } as const;
      }
    }
    const updated = await trx
      .updateTable('paywalls')
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.content === undefined ? {} : { draft: JSON.stringify(input.content) }),
        updated_at: deps.now(),
      })
      .where('app_id', '=', app.id)
      .where('id', '=', input.paywallId)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      return { outcome: 'paywall_not_found' } as const;
    }
    const paywall = await findPaywall(trx, app.id, input.paywallId);
    if (!paywall) {
      throw new Error(`paywall ${input.paywallId} vanished inside the transaction that updated it`);
    }
    return { outcome: 'updated', paywall } as const;
  });
}
