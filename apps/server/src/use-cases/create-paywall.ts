import type { PaywallContent } from '@tollgate/core';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { findPaywall, type StoredPaywall } from '../queries/paywalls.js';
import { type BrokenReference, brokenReferences } from './paywall-references.js';

export type CreatePaywallResult =
  | { outcome: 'created'; paywall: StoredPaywall }
  | { outcome: 'app_not_found' }
  | { outcome: 'broken_references'; broken: BrokenReference[] };

/** A new paywall is a draft: devices see nothing of it until it is published. */
export async function createPaywall(
  deps: Deps,
  input: { orgId: string; appId: string; name: string; content: PaywallContent },
): Promise<CreatePaywallResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    const broken = await brokenReferences(trx, app.id, input.content);
    if (broken.length > 0) {
      return { outcome: 'broken_references', broken } as const;
    }
    const now = deps.now();
    const id = deps.newId();
    await trx
      .insertInto('paywalls')
      .values({
        app_id: app.id,
        id,
        name: input.name,
        draft: JSON.stringify(input.content),
        created_at: now,
        updated_at: now,
      })
      .execute();
    const paywall = await findPaywall(trx, app.id, id);
    if (!paywall) {
      throw new Error(`paywall ${id} vanished inside the transaction that created it`);
    }
    return { outcome: 'created', paywall } as const;
  });
}
