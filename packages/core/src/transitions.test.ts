import { describe, expect, test } from 'vitest';
import type { PurchaseState } from './purchase-state.js';
import type { Payment, PurchaseStatus } from './snapshot.js';
import { PHASE_TRANSITIONS, PHASES, type Phase, phaseOf, purchaseEvents } from './transitions.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function aState(overrides: Partial<PurchaseState> = {}): PurchaseState {
  return {
    store: 'apple',
    environment: 'production',
    storePurchaseId: '1000000000000001',
    skuRefId: 'monthly',
    productType: 'subscription',
    observedAt: T0,
    status: 'active',
    periodKind: 'normal',
    purchasedAt: T0,
    periodStart: T0,
    expiresAt: days(30),
    autoRenew: true,
    renewsToSkuRefId: null,
    gracePeriodEndsAt: null,
    resumesAt: null,
    ...overrides,
  };
}

function inPhase(phase: Phase, overrides: Partial<PurchaseState> = {}): PurchaseState {
  return phase === 'trial'
    ? aState({ status: 'active', periodKind: 'trial', ...overrides })
    : aState({ status: phase as PurchaseStatus, ...overrides });
}

function aPayment(overrides: Partial<Payment> = {}): Payment {
  return {
    storeTransactionId: '2000000000000002',
    kind: 'renewal',
    skuRefId: 'monthly',
    periodKind: 'normal',
    amountMicros: 9_990_000,
    currency: 'USD',
    paidAt: days(30),
    periodStart: days(30),
    periodEnd: days(60),
    ...overrides,
  };
}

const events = (previous: PurchaseState | null, next: PurchaseState, newPayments: Payment[] = []) =>
  purchaseEvents({ previous, next, newPayments, newRefunds: [] });

describe('the phase table', () => {
  const cells = (['new', ...PHASES] as const).flatMap((from) => PHASES.map((to) => [from, to] as const));

  test.each(cells)('%s -> %s emits at least what its cell says', (from, to) => {
    const previous = from === 'new' ? null : inPhase(from, { observedAt: T0 });
    const next = inPhase(to, { observedAt: days(1), expiresAt: days(31) });

    const emitted = events(previous, next);

    expect(emitted).toEqual(expect.arrayContaining([...PHASE_TRANSITIONS[from][to]]));
  });

  test('decides every pair of phases, including staying put', () => {
    const decided = Object.entries(PHASE_TRANSITIONS).flatMap(([, row]) => Object.keys(row));

    expect(decided).toHaveLength((PHASES.length + 1) * PHASES.length);
  });

  test.each(PHASES)('%s -> %s with nothing changed emits nothing at all', (phase) => {
    const state = inPhase(phase);

    expect(events(state, { ...state })).toEqual([]);
  });
});

describe('phases', () => {
  test.each([
    [{ status: 'active', periodKind: 'trial' }, 'trial'],
    [{ status: 'active', periodKind: 'intro' }, 'active'],
    [{ status: 'grace_period', periodKind: 'trial' }, 'grace_period'],
    [{ status: 'revoked' }, 'revoked'],
  ] as const)('%o is in phase %s', (overrides, phase) => {
    expect(phaseOf(aState(overrides))).toBe(phase);
  });
});

describe('events of a purchase, step by step', () => {
  test.each<[string, PurchaseState | null, PurchaseState, Payment[], string[]]>([
    [
      'a new paid subscription emits purchased',
      null,
      aState(),
      [aPayment({ kind: 'purchase' })],
      ['user.subscription.purchased', 'purchase.updated'],
    ],
    [
      'a new free trial emits purchased and trial.started',
      null,
      inPhase('trial'),
      [],
      ['user.subscription.purchased', 'user.journey.trial.started', 'purchase.updated'],
    ],
    [
      'a trial converting to a paid period emits trial.converted and renewed',
      inPhase('trial'),
      aState({ observedAt: days(7), periodStart: days(7), expiresAt: days(37) }),
      [aPayment()],
      ['user.journey.trial.converted', 'user.subscription.renewed', 'purchase.updated'],
    ],
    [
      'a trial ending unpaid emits trial.did_not_convert and expired',
      inPhase('trial', { autoRenew: false }),
      inPhase('expired', { periodKind: 'trial', autoRenew: false, observedAt: days(7) }),
      [],
      ['user.subscription.expired', 'user.journey.trial.did_not_convert', 'purchase.updated'],
    ],
    [
      'a trial whose first payment failed, then recovered, converts',
      inPhase('grace_period', { periodKind: 'trial' }),
      aState({ observedAt: days(9), expiresAt: days(39) }),
      [aPayment()],
      ['user.subscription.renewal_in_grace_period', 'user.journey.trial.converted', 'purchase.updated'],
    ],
    [
      'a renewal emits renewed',
      aState(),
      aState({ observedAt: days(30), periodStart: days(30), expiresAt: days(60) }),
      [aPayment()],
      ['user.subscription.renewed', 'purchase.updated'],
    ],
    [
      'a later end date without a payment (an extension) emits only purchase.updated',
      aState(),
      aState({ observedAt: days(3), expiresAt: days(40) }),
      [],
      ['purchase.updated'],
    ],
    [
      'turning auto-renew off emits cancelled',
      aState(),
      aState({ observedAt: days(3), autoRenew: false }),
      [],
      ['user.subscription.cancelled', 'purchase.updated'],
    ],
    [
      'turning auto-renew back on emits resumed',
      aState({ autoRenew: false }),
      aState({ observedAt: days(4) }),
      [],
      ['user.subscription.resumed', 'purchase.updated'],
    ],
    [
      'a cancelled subscription running out emits expired, not cancelled again',
      aState({ autoRenew: false }),
      inPhase('expired', { autoRenew: false, observedAt: days(30) }),
      [],
      ['user.subscription.expired', 'purchase.updated'],
    ],
    [
      'a failed payment with a grace period emits in_grace_period',
      aState(),
      inPhase('grace_period', { observedAt: days(30), gracePeriodEndsAt: days(36) }),
      [],
      ['user.subscription.in_grace_period', 'purchase.updated'],
    ],
    [
      'a payment recovered in grace emits renewal_in_grace_period, not renewed',
      inPhase('grace_period'),
      aState({ observedAt: days(32), expiresAt: days(62) }),
      [aPayment()],
      ['user.subscription.renewal_in_grace_period', 'purchase.updated'],
    ],
    [
      'grace running out into account hold changes the purchase only',
      inPhase('grace_period'),
      inPhase('account_hold', { observedAt: days(36) }),
      [],
      ['purchase.updated'],
    ],
    [
      'account hold ending unpaid emits expired',
      inPhase('account_hold'),
      inPhase('expired', { observedAt: days(90) }),
      [],
      ['user.subscription.expired', 'purchase.updated'],
    ],
    [
      'a pause emits paused, and the resumption resumed',
      aState(),
      inPhase('paused', { observedAt: days(30), resumesAt: days(60) }),
      [],
      ['user.subscription.paused', 'purchase.updated'],
    ],
    [
      'a paused subscription resuming with a payment emits resumed',
      inPhase('paused'),
      aState({ observedAt: days(60), expiresAt: days(90) }),
      [aPayment()],
      ['user.subscription.resumed', 'purchase.updated'],
    ],
    [
      'an upgrade to another SKU emits sku_change',
      aState(),
      aState({ observedAt: days(5), skuRefId: 'annual', expiresAt: days(370) }),
      [aPayment({ kind: 'purchase', skuRefId: 'annual' })],
      ['user.subscription.sku_change', 'purchase.updated'],
    ],
    [
      'a downgrade scheduled for the next renewal emits pending_sku_change',
      aState({ skuRefId: 'annual' }),
      aState({ skuRefId: 'annual', observedAt: days(5), renewsToSkuRefId: 'monthly' }),
      [],
      ['user.subscription.pending_sku_change', 'purchase.updated'],
    ],
    [
      'the scheduled downgrade taking effect emits sku_change and renewed',
      aState({ skuRefId: 'annual', renewsToSkuRefId: 'monthly' }),
      aState({ observedAt: days(365), periodStart: days(365), expiresAt: days(395) }),
      [aPayment({ skuRefId: 'monthly' })],
      ['user.subscription.renewed', 'user.subscription.sku_change', 'purchase.updated'],
    ],
    [
      'a refund emits expired',
      aState(),
      inPhase('revoked', { observedAt: days(10) }),
      [],
      ['user.subscription.expired', 'purchase.updated'],
    ],
    [
      'a reversed refund emits resumed',
      inPhase('revoked'),
      aState({ observedAt: days(20) }),
      [],
      ['user.subscription.resumed', 'purchase.updated'],
    ],
    [
      'a purchase first seen when already expired announces nothing but itself',
      null,
      inPhase('expired'),
      [],
      ['purchase.updated'],
    ],
    [
      'a one-time purchase emits purchased',
      null,
      aState({ productType: 'non_consumable', expiresAt: null, periodStart: null }),
      [aPayment({ kind: 'purchase', periodStart: null, periodEnd: null })],
      ['user.subscription.purchased', 'purchase.updated'],
    ],
  ])('%s', (_name, previous, next, payments, expected) => {
    expect(events(previous, next, payments)).toEqual(expected);
  });

  test('a purchase another one replaced announces its end as an update only: the subscription lives on', () => {
    const emitted = purchaseEvents({
      previous: aState(),
      next: inPhase('expired', { observedAt: days(3) }),
      newPayments: [],
      newRefunds: [],
      replaced: true,
    });

    expect(emitted).toEqual(['purchase.updated']);
  });

  test('a payment alone, with the state unchanged, still updates the purchase', () => {
    const state = aState();

    expect(events(state, { ...state }, [aPayment({ kind: 'purchase' })])).toEqual(['purchase.updated']);
  });
});
