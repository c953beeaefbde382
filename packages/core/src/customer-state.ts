import type { StorePlatform } from './catalog.js';
import { hasAccess, type PurchaseState } from './purchase-state.js';
import { phaseOf } from './transitions.js';

/** An entitlement a product SKU grants, as the catalog defines it. */
export interface Grant {
  entitlementRefId: string;
  name: string;
  description: string;
}

/** A purchase of the user's, with what its SKU grants and when the store last vouched for it. */
export interface OwnedPurchase {
  state: PurchaseState;
  grants: readonly Grant[];
  /** When Tollgate last heard the store (or the test store) on this purchase. */
  lastVerifiedAt: Date;
}

export interface ActiveEntitlement {
  entitlement_ref_id: string;
  name: string;
  description: string;
  sku_ref_id: string;
  /** When access ends if nothing renews it; null when it does not end (one-time purchases). */
  expiration: string | null;
  purchase_platform: StorePlatform;
  last_verified: string;
}

/** The seven flags of the customer journey, as the product defines them. */
export interface CustomerJourneyState {
  former_subscriber: boolean;
  in_account_hold: boolean;
  in_grace_period: boolean;
  in_trial_period: boolean;
  in_intro_offer_period: boolean;
  in_pause: boolean;
  is_cancelled: boolean;
}

/** When access through this purchase ends: null for never, the Date otherwise. */
function accessEnds(state: PurchaseState): Date | null {
  return state.status === 'grace_period' ? (state.gracePeriodEndsAt ?? state.expiresAt) : state.expiresAt;
}

/**
 * The user's active entitlements across all their purchases on every platform. When
 * several purchases grant one entitlement, the one that lasts longest names the SKU.
 */
export function activeEntitlements(purchases: readonly OwnedPurchase[], now: Date): ActiveEntitlement[] {
  const best = new Map<string, { ends: Date | null; entitlement: ActiveEntitlement }>();
  for (const purchase of purchases) {
    if (!hasAccess(purchase.state, now)) {
      continue;
    }
    const ends = accessEnds(purchase.state);
    for (const grant of purchase.grants) {
      const current = best.get(grant.entitlementRefId);
      if (current && lastsAtLeastAsLong(current.ends, ends)) {
        continue;
      }
      best.set(grant.entitlementRefId, {
        ends,
        entitlement: {
          entitlement_ref_id: grant.entitlementRefId,
          name: grant.name,
          description: grant.description,
          sku_ref_id: purchase.state.skuRefId,
          expiration: ends?.toISOString() ?? null,
          purchase_platform: purchase.state.store,
          last_verified: purchase.lastVerifiedAt.toISOString(),
        },
      });
    }
  }
  return [...best.values()]
    .map((entry) => entry.entitlement)
    .sort((a, b) => a.entitlement_ref_id.localeCompare(b.entitlement_ref_id));
}

function lastsAtLeastAsLong(a: Date | null, b: Date | null): boolean {
  return a === null || (b !== null && a >= b);
}

/**
 * A subscription the user had: it had a period, trial or paid. A pending payment that was
 * cancelled before it completed never gave the user a subscription.
 */
function wasHad(state: PurchaseState): boolean {
  return state.productType === 'subscription' && state.status !== 'pending' && state.periodStart !== null;
}

/** The journey flags across every subscription of the user. */
export function customerJourneyState(purchases: readonly OwnedPurchase[], now: Date): CustomerJourneyState {
  const subscriptions = purchases.map((p) => p.state).filter(wasHad);
  const withAccess = subscriptions.filter((state) => hasAccess(state, now));
  const phases = subscriptions.map(phaseOf);
  const stillSubscribed = withAccess.length > 0 || phases.includes('account_hold') || phases.includes('paused');
  return {
    former_subscriber: subscriptions.length > 0 && !stillSubscribed,
    in_account_hold: phases.includes('account_hold'),
    in_grace_period: withAccess.some((state) => state.status === 'grace_period'),
    in_trial_period: withAccess.some((state) => phaseOf(state) === 'trial'),
    in_intro_offer_period: withAccess.some((state) => state.periodKind === 'intro'),
    in_pause: phases.includes('paused'),
    // Cancelled: still has access, but nothing will renew.
    is_cancelled: withAccess.length > 0 && withAccess.every((state) => !state.autoRenew),
  };
}

/**
 * The first instant after `now` at which time alone changes what `activeEntitlements` and
 * `customerJourneyState` say of these purchases: one of them ceasing to give access (both
 * compare `now` with nothing else). Until then, the same purchases give the same answers;
 * null when no such instant is ahead.
 */
export function customerStateChangesAt(purchases: readonly OwnedPurchase[], now: Date): Date | null {
  const ahead = purchases
    .filter((purchase) => hasAccess(purchase.state, now))
    .map((purchase) => accessEnds(purchase.state))
    .filter((end): end is Date => end !== null && end > now);
  return ahead.length === 0 ? null : new Date(Math.min(...ahead.map((end) => end.getTime())));
}
