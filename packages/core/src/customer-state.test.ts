import { describe, expect, test } from 'vitest';
import {
  activeEntitlements,
  customerJourneyState,
  customerStateChangesAt,
  type Grant,
  type OwnedPurchase,
} from './customer-state.js';
import type { PurchaseState } from './purchase-state.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
const PREMIUM: Grant = { entitlementRefId: 'premium', name: 'Premium', description: 'All stations' };
const PODCASTS: Grant = { entitlementRefId: 'podcasts', name: 'Podcasts', description: '' };

function aPurchase(state: Partial<PurchaseState> = {}, grants: Grant[] = [PREMIUM]): OwnedPurchase {
  return {
    grants,
    lastVerifiedAt: later(-1),
    state: {
      store: 'apple',
      environment: 'production',
      storePurchaseId: 'otid-1',
      skuRefId: 'monthly',
      productType: 'subscription',
      observedAt: later(-1),
      status: 'active',
      periodKind: 'normal',
      purchasedAt: later(-10),
      periodStart: later(-10),
      expiresAt: later(20),
      autoRenew: true,
      renewsToSkuRefId: null,
      gracePeriodEndsAt: null,
      resumesAt: null,
      ...state,
    },
  };
}

const NO_FLAGS = {
  former_subscriber: false,
  in_account_hold: false,
  in_grace_period: false,
  in_trial_period: false,
  in_intro_offer_period: false,
  in_pause: false,
  is_cancelled: false,
};

describe('active entitlements', () => {
  test('an active subscription grants its entitlements, with SKU, end and platform', () => {
    expect(activeEntitlements([aPurchase()], NOW)).toEqual([
      {
        entitlement_ref_id: 'premium',
        name: 'Premium',
        description: 'All stations',
        sku_ref_id: 'monthly',
        expiration: later(20).toISOString(),
        purchase_platform: 'apple',
        last_verified: later(-1).toISOString(),
      },
    ]);
  });

  test('a subscription past its end grants nothing, even before the store says it expired', () => {
    expect(activeEntitlements([aPurchase({ expiresAt: later(-1) })], NOW)).toEqual([]);
  });

  test('grace keeps access until the grace period ends', () => {
    const inGrace = aPurchase({ status: 'grace_period', expiresAt: later(-2), gracePeriodEndsAt: later(3) });

    expect(activeEntitlements([inGrace], NOW).map((e) => e.expiration)).toEqual([later(3).toISOString()]);
  });

  test.each(['account_hold', 'paused', 'expired', 'revoked', 'pending'] as const)('%s grants nothing', (status) => {
    expect(activeEntitlements([aPurchase({ status })], NOW)).toEqual([]);
  });

  test('a non-consumable grants for good; a consumable grants nothing that lasts', () => {
    const lifetime = aPurchase({ productType: 'non_consumable', expiresAt: null, skuRefId: 'lifetime' });
    const coins = aPurchase({ productType: 'consumable', expiresAt: null, skuRefId: 'coins' }, [PODCASTS]);

    expect(activeEntitlements([lifetime, coins], NOW)).toEqual([
      expect.objectContaining({ entitlement_ref_id: 'premium', sku_ref_id: 'lifetime', expiration: null }),
    ]);
  });

  test('across platforms, the purchase that lasts longest names the SKU of a shared entitlement', () => {
    const apple = aPurchase({ expiresAt: later(5) });
    const google = aPurchase({ store: 'google', skuRefId: 'annual', expiresAt: later(300) }, [PREMIUM, PODCASTS]);

    expect(activeEntitlements([apple, google], NOW)).toEqual([
      expect.objectContaining({ entitlement_ref_id: 'podcasts', sku_ref_id: 'annual', purchase_platform: 'google' }),
      expect.objectContaining({ entitlement_ref_id: 'premium', sku_ref_id: 'annual', purchase_platform: 'google' }),
    ]);
  });
});

describe('customer journey state', () => {
  test('a user who never subscribed has no flag set', () => {
    expect(customerJourneyState([], NOW)).toEqual(NO_FLAGS);
  });

  test('an active paying subscriber has no flag set', () => {
    expect(customerJourneyState([aPurchase()], NOW)).toEqual(NO_FLAGS);
  });

  test.each<[string, Partial<PurchaseState>, keyof typeof NO_FLAGS]>([
    ['in a free trial', { periodKind: 'trial' }, 'in_trial_period'],
    ['paying an introductory price', { periodKind: 'intro' }, 'in_intro_offer_period'],
    ['in grace after a failed payment', { status: 'grace_period', gracePeriodEndsAt: later(3) }, 'in_grace_period'],
    ['in account hold', { status: 'account_hold' }, 'in_account_hold'],
    ['paused', { status: 'paused', resumesAt: later(30) }, 'in_pause'],
    ['cancelled but still entitled', { autoRenew: false }, 'is_cancelled'],
    ['expired', { status: 'expired' }, 'former_subscriber'],
    ['refunded', { status: 'revoked' }, 'former_subscriber'],
    ['past the end with no word from the store', { expiresAt: later(-1) }, 'former_subscriber'],
  ])('a user %s has exactly %s set', (_name, state, flag) => {
    expect(customerJourneyState([aPurchase(state)], NOW)).toEqual({ ...NO_FLAGS, [flag]: true });
  });

  test('a cancelled subscription does not make a user cancelled while another one renews', () => {
    const cancelled = aPurchase({ autoRenew: false });
    const renewing = aPurchase({ store: 'google' });

    expect(customerJourneyState([cancelled, renewing], NOW).is_cancelled).toBe(false);
  });

  test('an old expired subscription does not make a current subscriber former', () => {
    expect(customerJourneyState([aPurchase({ status: 'expired' }), aPurchase()], NOW).former_subscriber).toBe(false);
  });

  test('a pending payment cancelled before it completed does not make a user a former subscriber', () => {
    const neverPaid = aPurchase({ status: 'expired', periodStart: null });

    expect(customerJourneyState([neverPaid], NOW)).toEqual(NO_FLAGS);
  });

  test('a subscription still waiting for its payment sets no flag', () => {
    expect(customerJourneyState([aPurchase({ status: 'pending', periodStart: null })], NOW)).toEqual(NO_FLAGS);
  });

  test('one-time purchases never make a user a subscriber, former or not', () => {
    const refunded = aPurchase({ productType: 'non_consumable', status: 'revoked', expiresAt: null });

    expect(customerJourneyState([refunded], NOW)).toEqual(NO_FLAGS);
  });
});

describe('when time alone changes the customer state', () => {
  const stateAt = (purchases: OwnedPurchase[], at: Date) => ({
    entitlements: activeEntitlements(purchases, at),
    journey: customerJourneyState(purchases, at),
  });

  test('at the first end of access ahead: the state holds until just before it and changes at it', () => {
    const purchases = [
      aPurchase({ expiresAt: later(20) }),
      aPurchase({ status: 'grace_period', expiresAt: later(-2), gracePeriodEndsAt: later(3) }, [PODCASTS]),
      aPurchase({ status: 'expired', expiresAt: later(-5) }),
    ];

    const changesAt = customerStateChangesAt(purchases, NOW);

    expect(changesAt).toEqual(later(3));
    const justBefore = new Date(later(3).getTime() - 1);
    expect(stateAt(purchases, justBefore)).toEqual(stateAt(purchases, NOW));
    expect(stateAt(purchases, later(3))).not.toEqual(stateAt(purchases, NOW));
  });

  test('never, for purchases that give no access or give it for good', () => {
    const purchases = [
      aPurchase({ status: 'expired', expiresAt: later(-5) }),
      aPurchase({ status: 'account_hold', expiresAt: later(5) }),
      aPurchase({ productType: 'non_consumable', expiresAt: null, skuRefId: 'lifetime' }),
    ];

    expect(customerStateChangesAt(purchases, NOW)).toBeNull();
    expect(customerStateChangesAt([], NOW)).toBeNull();
  });
});
