import type { PurchaseEventType } from './events/event-types.js';
import type { PurchaseState } from './purchase-state.js';
import { sameState } from './purchase-state.js';
import type { Payment, Refund } from './snapshot.js';

/**
 * Where a purchase is in its life, as far as events go: the store's status, with a
 * free trial told apart from a paid period.
 */
export const PHASES = [
  'pending',
  'trial',
  'active',
  'grace_period',
  'account_hold',
  'paused',
  'expired',
  'revoked',
] as const;
export type Phase = (typeof PHASES)[number];

export function phaseOf(state: PurchaseState): Phase {
  switch (state.status) {
    case 'active':
      return state.periodKind === 'trial' ? 'trial' : 'active';
    case 'grace_period':
    case 'account_hold':
    case 'paused':
    case 'expired':
    case 'revoked':
    case 'pending':
      return state.status;
  }
}

const NONE: readonly PurchaseEventType[] = [];

/**
 * The events of moving from one phase to another: every cell decided, none by default.
 * `new` is a purchase Tollgate has not seen before. What does not depend on the phase
 * alone (renewals, trial conversion, auto-renew, SKU changes) is in the rules below.
 * A purchase first seen already over (`new` → expired/revoked) announces nothing: its
 * start was never witnessed, so there is no purchase to say ended.
 */
export const PHASE_TRANSITIONS = {
  new: {
    pending: NONE,
    trial: ['user.subscription.purchased'],
    active: ['user.subscription.purchased'],
    grace_period: ['user.subscription.purchased', 'user.subscription.in_grace_period'],
    account_hold: ['user.subscription.purchased'],
    paused: ['user.subscription.purchased', 'user.subscription.paused'],
    expired: NONE,
    revoked: NONE,
  },
  pending: {
    pending: NONE,
    trial: ['user.subscription.purchased'],
    active: ['user.subscription.purchased'],
    grace_period: ['user.subscription.purchased', 'user.subscription.in_grace_period'],
    account_hold: ['user.subscription.purchased'],
    paused: ['user.subscription.purchased', 'user.subscription.paused'],
    // A pending payment that never completed: nothing was ever granted.
    expired: NONE,
    revoked: NONE,
  },
  trial: {
    pending: NONE,
    trial: NONE,
    active: NONE,
    grace_period: ['user.subscription.in_grace_period'],
    account_hold: NONE,
    paused: ['user.subscription.paused'],
    expired: ['user.subscription.expired'],
    revoked: ['user.subscription.expired'],
  },
  active: {
    pending: NONE,
    trial: NONE,
    active: NONE,
    grace_period: ['user.subscription.in_grace_period'],
    // Access ends while the store retries the payment: the journey flag says so, and
    // `expired` comes only if the store gives up.
    account_hold: NONE,
    paused: ['user.subscription.paused'],
    expired: ['user.subscription.expired'],
    revoked: ['user.subscription.expired'],
  },
  grace_period: {
    pending: NONE,
    trial: ['user.subscription.renewal_in_grace_period'],
    active: ['user.subscription.renewal_in_grace_period'],
    grace_period: NONE,
    account_hold: NONE,
    paused: ['user.subscription.paused'],
    expired: ['user.subscription.expired'],
    revoked: ['user.subscription.expired'],
  },
  account_hold: {
    pending: NONE,
    trial: ['user.subscription.renewal_in_grace_period'],
    active: ['user.subscription.renewal_in_grace_period'],
    grace_period: ['user.subscription.in_grace_period'],
    account_hold: NONE,
    paused: ['user.subscription.paused'],
    expired: ['user.subscription.expired'],
    revoked: ['user.subscription.expired'],
  },
  paused: {
    pending: NONE,
    trial: ['user.subscription.resumed'],
    active: ['user.subscription.resumed'],
    grace_period: ['user.subscription.resumed', 'user.subscription.in_grace_period'],
    account_hold: NONE,
    paused: NONE,
    expired: ['user.subscription.expired'],
    revoked: ['user.subscription.expired'],
  },
  expired: {
    pending: NONE,
    // Back after it ended (Apple RESUBSCRIBE keeps the original transaction id).
    trial: ['user.subscription.purchased'],
    active: ['user.subscription.purchased'],
    grace_period: ['user.subscription.in_grace_period'],
    account_hold: NONE,
    paused: NONE,
    expired: NONE,
    revoked: NONE,
  },
  revoked: {
    pending: NONE,
    // A refund reversed: access comes back.
    trial: ['user.subscription.resumed'],
    active: ['user.subscription.resumed'],
    grace_period: ['user.subscription.resumed'],
    account_hold: NONE,
    paused: NONE,
    expired: NONE,
    revoked: NONE,
  },
} as const satisfies Record<Phase | 'new', Record<Phase, readonly PurchaseEventType[]>>;

export interface PurchaseChange {
  /** The state before; null for a purchase Tollgate has not seen. */
  previous: PurchaseState | null;
  next: PurchaseState;
  /** Payments this change reports that were not known before. */
  newPayments: readonly Payment[];
  newRefunds: readonly Refund[];
  /**
   * Another purchase took this one's place (a Google upgrade's new token): the user's
   * subscription lives on there, so this one's own ending announces nothing but itself.
   */
  replaced?: boolean;
}

const IN_TRIAL_OR_TRYING_TO_CONVERT: ReadonlySet<Phase> = new Set(['trial', 'grace_period', 'account_hold']);
const WITH_ACCESS: ReadonlySet<Phase> = new Set(['trial', 'active', 'grace_period']);

/** The events a change of one purchase causes, in a stable order, each at most once. */
export function purchaseEvents(change: PurchaseChange): PurchaseEventType[] {
  const { previous, next } = change;
  const changed =
    previous === null || !sameState(previous, next) || change.newPayments.length > 0 || change.newRefunds.length > 0;
  if (change.replaced) {
    return changed ? ['purchase.updated'] : [];
  }
  const from = previous === null ? 'new' : phaseOf(previous);
  const to = phaseOf(next);
  const events = new Set<PurchaseEventType>([
    ...PHASE_TRANSITIONS[from][to],
    ...trialEvents(previous, next),
    ...renewalEvents(from, to, change.newPayments),
    ...autoRenewEvents(previous, next, from, to),
    ...skuEvents(previous, next),
  ]);
  if (changed) {
    events.add('purchase.updated');
  }
  return [...events];
}

function trialEvents(previous: PurchaseState | null, next: PurchaseState): PurchaseEventType[] {
  const to = phaseOf(next);
  if (to === 'trial' && (previous === null || phaseOf(previous) !== 'trial')) {
    return ['user.journey.trial.started'];
  }
  if (previous === null || previous.periodKind !== 'trial' || !IN_TRIAL_OR_TRYING_TO_CONVERT.has(phaseOf(previous))) {
    return [];
  }
  if (to === 'active') {
    return ['user.journey.trial.converted'];
  }
  if (to === 'expired' || to === 'revoked') {
    return ['user.journey.trial.did_not_convert'];
  }
  return [];
}

/** A new paid period of a subscription that kept going; recoveries are the table's. */
function renewalEvents(from: Phase | 'new', to: Phase, newPayments: readonly Payment[]): PurchaseEventType[] {
  const renewedWithoutTrouble = (from === 'trial' || from === 'active') && to === 'active';
  return renewedWithoutTrouble && newPayments.some((payment) => payment.kind === 'renewal')
    ? ['user.subscription.renewed']
    : [];
}

function autoRenewEvents(
  previous: PurchaseState | null,
  next: PurchaseState,
  from: Phase | 'new',
  to: Phase,
): PurchaseEventType[] {
  if (previous === null || next.productType !== 'subscription' || from === 'new') {
    return [];
  }
  if (!WITH_ACCESS.has(from) || !WITH_ACCESS.has(to) || previous.autoRenew === next.autoRenew) {
    return [];
  }
  return next.autoRenew ? ['user.subscription.resumed'] : ['user.subscription.cancelled'];
}

function skuEvents(previous: PurchaseState | null, next: PurchaseState): PurchaseEventType[] {
  const events: PurchaseEventType[] = [];
  if (previous !== null && previous.skuRefId !== next.skuRefId) {
    events.push('user.subscription.sku_change');
  }
  const scheduled = next.renewsToSkuRefId;
  if (scheduled !== null && scheduled !== next.skuRefId && scheduled !== previous?.renewsToSkuRefId) {
    events.push('user.subscription.pending_sku_change');
  }
  return events;
}
