import type { PlayAcknowledgement } from '@tollgate/stores';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import type { StoreGateways } from '../intake/gateways.js';

/** Longer than a call to Play can take: a worker that dies mid-call leaves its claims due again. */
const LEASE_MS = 10 * 60_000;
/** Play did not answer: three days leave room for many tries. */
const RETRY_MS = 5 * 60_000;
/** The credentials are missing or refused: the operator has to act, so try again less often. */
const CREDENTIALS_RETRY_MS = 60 * 60_000;

export type AcknowledgementOutcome = PlayAcknowledgement['outcome'] | 'no_credentials';

/**
 * Acknowledges to Google Play the purchases it would refund after three days otherwise. Each
 * is claimed by moving its due time past a lease, so that workers never send the same one at
 * once; then it is done (acknowledged, or Play has nothing left to acknowledge) or due again,
 * by what Play answered. Answers each claimed purchase's outcome.
 */
export async function acknowledgeDuePurchases(
  deps: Deps,
  gateways: StoreGateways,
  limit: number,
): Promise<AcknowledgementOutcome[]> {
  const now = deps.now();
  const due = await deps.db
    .updateTable('purchases')
    .set({ acknowledge_due_at: new Date(now.getTime() + LEASE_MS) })
    .where(({ eb, selectFrom }) =>
      eb(
        sql`(app_id, id)`,
        'in',
        selectFrom('purchases')
          .select(['app_id', 'id'])
          .where('acknowledge_due_at', '<=', now)
          .orderBy('acknowledge_due_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      ),
    )
    .returning(['app_id', 'id', 'app_platform_id', 'store_purchase_id', 'sku_ref_id', 'product_type'])
    .execute();
  const outcomes: AcknowledgementOutcome[] = [];
  for (const purchase of due) {
    const platform = await deps.db
      .selectFrom('app_platforms')
      .selectAll()
      .where('app_id', '=', purchase.app_id)
      .where('id', '=', purchase.app_platform_id)
      .executeTakeFirstOrThrow();
    const play = gateways.play(platform);
    const outcome: AcknowledgementOutcome = play
      ? (
          await play.acknowledge(platform.marketplace_app_id, {
            type: purchase.product_type === 'subscription' ? 'subscription' : 'one_time',
            productId: purchase.sku_ref_id,
            token: purchase.store_purchase_id,
          })
        ).outcome
      : 'no_credentials';
    outcomes.push(outcome);
    await deps.db
      .updateTable('purchases')
      .set({ acknowledge_due_at: nextTry(outcome, now) })
      .where('app_id', '=', purchase.app_id)
      .where('id', '=', purchase.id)
      .execute();
  }
  return outcomes;
}

function nextTry(outcome: AcknowledgementOutcome, now: Date): Date | null {
  switch (outcome) {
    // Refused (already acknowledged, consumed), not found, gone: nothing is left to do.
    case 'acknowledged':
    case 'refused':
    case 'not_found':
    case 'gone':
      return null;
    case 'unavailable':
      return new Date(now.getTime() + RETRY_MS);
    case 'unauthorized':
    case 'no_credentials':
      return new Date(now.getTime() + CREDENTIALS_RETRY_MS);
  }
}
