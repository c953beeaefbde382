import { stepTestPurchase, type TestStoreAction, type TestStorePrice } from '@tollgate/stores';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { purchaseStateOf } from '../queries/purchase-state.js';
import { type ApplyStoreSnapshotResult, applyIn } from './apply-store-snapshot.js';

export interface StepTestPurchaseInput {
  orgId: string;
  appId: string;
  purchaseId: string;
  action: TestStoreAction;
  at: Date | null;
  /** What a new period costs; by default what the last paid period cost. */
  price: TestStorePrice | null;
  skuRefId: string | null;
  periodDays: number;
  days: number;
}

export type StepTestPurchaseResult =
  | { outcome: 'stepped'; applied: ApplyStoreSnapshotResult }
  | { outcome: 'app_not_found' }
  | { outcome: 'purchase_not_found' }
  | { outcome: 'not_a_test_purchase' }
  | { outcome: 'product_not_found' }
  | { outcome: 'not_possible'; reason: string };

const FALLBACK_PRICE: TestStorePrice = { amountMicros: 9_990_000, currency: 'USD' };

/** One step in the life of a test-store purchase: renew, cancel, fail billing, refund… */
export function stepTestPurchaseUseCase(deps: Deps, input: StepTestPurchaseInput): Promise<StepTestPurchaseResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    const purchase = await trx
      .selectFrom('purchases')
      .selectAll()
      .where('app_id', '=', app.id)
      .where('id', '=', input.purchaseId)
      .forUpdate()
      .executeTakeFirst();
    if (!purchase) {
      return { outcome: 'purchase_not_found' } as const;
    }
    if (purchase.environment !== 'nami_bypass_store') {
      return { outcome: 'not_a_test_purchase' } as const;
    }
    if (input.skuRefId !== null) {
      const product = await trx
        .selectFrom('products')
        .select('id')
        .where('app_id', '=', app.id)
        .where('app_platform_id', '=', purchase.app_platform_id)
        .where('sku_ref_id', '=', input.skuRefId)
        .executeTakeFirst();
      if (!product) {
        return { outcome: 'product_not_found' } as const;
      }
    }
    const lastPaid = await trx
      .selectFrom('transactions')
      .select(['amount_micros', 'currency'])
      .where('app_id', '=', app.id)
      .where('purchase_id', '=', purchase.id)
      .where('revenue_type', 'in', ['purchase', 'renewal'])
      .where('period_kind', '=', 'normal')
      .orderBy('occurred_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const step = stepTestPurchase(purchaseStateOf(purchase), {
      action: input.action,
      at: input.at ?? deps.now(),
      price:
        input.price ??
        (lastPaid ? { amountMicros: lastPaid.amount_micros, currency: lastPaid.currency } : FALLBACK_PRICE),
      skuRefId: input.skuRefId,
      periodDays: input.periodDays,
      days: input.days,
    });
    if (step.outcome === 'not_possible') {
      return step;
    }
    const applied = await applyIn(trx, deps, {
      appId: app.id,
      appPlatformId: purchase.app_platform_id,
      snapshot: step.snapshot,
    });
    return { outcome: 'stepped', applied } as const;
  });
}
