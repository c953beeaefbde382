import type { Database } from '@tollgate/db';
import { sql, type Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { findPaywall, type StoredPaywall } from '../queries/paywalls.js';
import { bumpPaywallsRevision } from './bump-paywalls-revision.js';
import { type BrokenReference, brokenReferences } from './paywall-references.js';

export type PublishPaywallResult =
  | { outcome: 'published'; paywall: StoredPaywall }
  | { outcome: 'app_not_found' }
  | { outcome: 'paywall_not_found' }
  | { outcome: 'version_not_found' }
  | { outcome: 'broken_references'; broken: BrokenReference[] };

/**
 * Makes content what devices see, as a new version. `fromVersion` restores an older version:
 * its content is published again (and becomes the draft), so the history only grows.
 */
export async function publishPaywall(
  deps: Deps,
  input: { orgId: string; appId: string; paywallId: string; fromVersion?: number | undefined },
): Promise<PublishPaywallResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    // Locked, so that two publishes at once number their versions one after the other (not
    // against key changes: campaigns may take the paywall up meanwhile).
    const locked = await trx
      .selectFrom('paywalls')
      .select('id')
      .where('app_id', '=', app.id)
      .where('id', '=', input.paywallId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    const paywall = locked && (await findPaywall(trx, app.id, locked.id));
    if (!paywall) {
      return { outcome: 'paywall_not_found' } as const;
    }
    const content =
      input.fromVersion === undefined ? paywall.draft : await versionContent(trx, paywall, input.fromVersion);
    if (content === undefined) {
      return { outcome: 'version_not_found' } as const;
    }
    const broken = await brokenReferences(trx, app.id, content);
    if (broken.length > 0) {
      return { outcome: 'broken_references', broken } as const;
    }
    const now = deps.now();
    const version = (await lastVersion(trx, paywall)) + 1;
    await trx
      .insertInto('paywall_versions')
      .values({
        app_id: app.id,
        paywall_id: paywall.id,
        version,
        content: JSON.stringify(content),
        restored_from: input.fromVersion ?? null,
        published_at: now,
      })
      .execute();
    await trx
      .updateTable('paywalls')
      .set({ published_version: version, draft: JSON.stringify(content), updated_at: now })
      .where('app_id', '=', app.id)
      .where('id', '=', paywall.id)
      .execute();
    await bumpPaywallsRevision(trx, app.id);
    const published = await findPaywall(trx, app.id, paywall.id);
    if (!published) {
      throw new Error(`paywall ${paywall.id} vanished inside the transaction that published it`);
    }
    return { outcome: 'published', paywall: published } as const;
  });
}

async function versionContent(trx: Transaction<Database>, paywall: StoredPaywall, version: number) {
  const row = await trx
    .selectFrom('paywall_versions')
    .select(sql<StoredPaywall['draft']>`content`.as('content'))
    .where('app_id', '=', paywall.app_id)
    .where('paywall_id', '=', paywall.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.content;
}

async function lastVersion(trx: Transaction<Database>, paywall: StoredPaywall): Promise<number> {
  const row = await trx
    .selectFrom('paywall_versions')
    .select((eb) => eb.fn.max('version').as('last'))
    .where('app_id', '=', paywall.app_id)
    .where('paywall_id', '=', paywall.id)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}
