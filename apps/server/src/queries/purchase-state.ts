import type { PurchaseState } from '@tollgate/core';
import type { Purchase } from '@tollgate/db';

/** The engine's view of a stored purchase. */
export function purchaseStateOf(row: Purchase): PurchaseState {
  return {
    store: row.store,
    environment: row.environment,
    storePurchaseId: row.store_purchase_id,
    skuRefId: row.sku_ref_id,
    productType: row.product_type,
    observedAt: row.observed_at,
    status: row.status,
    periodKind: row.period_kind,
    purchasedAt: row.purchased_at,
    periodStart: row.period_start,
    expiresAt: row.expires_at,
    autoRenew: row.auto_renew,
    renewsToSkuRefId: row.renews_to_sku_ref_id,
    gracePeriodEndsAt: row.grace_period_ends_at,
    resumesAt: row.resumes_at,
  };
}

/** The columns that hold a purchase's state. */
export function purchaseColumns(state: PurchaseState) {
  return {
    sku_ref_id: state.skuRefId,
    product_type: state.productType,
    status: state.status,
    period_kind: state.periodKind,
    purchased_at: state.purchasedAt,
    period_start: state.periodStart,
    expires_at: state.expiresAt,
    auto_renew: state.autoRenew,
    renews_to_sku_ref_id: state.renewsToSkuRefId,
    grace_period_ends_at: state.gracePeriodEndsAt,
    resumes_at: state.resumesAt,
    observed_at: state.observedAt,
  };
}
