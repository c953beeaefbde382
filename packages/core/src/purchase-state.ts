import type { StoreSnapshot } from './snapshot.js';

/** What Tollgate keeps of one purchase: the state of the last snapshot it applied. */
export type PurchaseState = Omit<
  StoreSnapshot,
  'payments' | 'refunds' | 'replacesStorePurchaseId' | 'appUserHint' | 'awaitsAcknowledgement'
>;

export function stateOf(snapshot: StoreSnapshot): PurchaseState {
  const {
    payments: _payments,
    refunds: _refunds,
    replacesStorePurchaseId: _replaces,
    appUserHint: _hint,
    ...state
  } = snapshot;
  return state;
}

/**
 * A snapshot older (by the store's own clock) than the state already applied changes
 * nothing: notifications arrive out of order, and the store's time says which is newer.
 */
export function isStale(previous: PurchaseState | null, snapshot: StoreSnapshot): boolean {
  return previous !== null && snapshot.observedAt.getTime() < previous.observedAt.getTime();
}

/** Whether two states differ in anything a user or an integration could notice. */
export function sameState(a: PurchaseState, b: PurchaseState): boolean {
  return (
    a.store === b.store &&
    a.environment === b.environment &&
    a.storePurchaseId === b.storePurchaseId &&
    a.skuRefId === b.skuRefId &&
    a.productType === b.productType &&
    a.status === b.status &&
    a.periodKind === b.periodKind &&
    sameTime(a.purchasedAt, b.purchasedAt) &&
    sameTime(a.periodStart, b.periodStart) &&
    sameTime(a.expiresAt, b.expiresAt) &&
    a.autoRenew === b.autoRenew &&
    a.renewsToSkuRefId === b.renewsToSkuRefId &&
    sameTime(a.gracePeriodEndsAt, b.gracePeriodEndsAt) &&
    sameTime(a.resumesAt, b.resumesAt)
  );
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}

/** Whether the purchase gives access now: what active entitlements and journey flags are made of. */
export function hasAccess(state: PurchaseState, now: Date): boolean {
  if (state.productType === 'consumable') {
    // Used up when bought: it pays, but unlocks nothing that lasts.
    return false;
  }
  if (state.productType === 'non_consumable') {
    return state.status === 'active';
  }
  switch (state.status) {
    case 'active':
      return state.expiresAt === null || state.expiresAt > now;
    case 'grace_period': {
      const end = state.gracePeriodEndsAt ?? state.expiresAt;
      return end === null || end > now;
    }
    case 'account_hold':
    case 'paused':
    case 'expired':
    case 'revoked':
    case 'pending':
      return false;
  }
}
