import {
  isStale,
  type PurchaseEventType,
  type PurchaseState,
  purchaseEvents,
  purchasePayload,
  type StorePlatform,
  type StoreSnapshot,
  stateOf,
  type TransactionPayload,
} from '@tollgate/core';
import { type Database, type Purchase, type Transaction as RevenueRow, violatedUniqueConstraint } from '@tollgate/db';
import { sql, type Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { userSnapshot } from '../queries/customer-state.js';
import { purchaseColumns, purchaseStateOf } from '../queries/purchase-state.js';
import type { Attribution } from './count-campaign-results.js';
import { type RecordedEvent, recordEvents } from './record-events.js';
import { bookedAmong, recordRevenue } from './record-revenue.js';
import { createUser, linkExternalId, userFromAppHint } from './users.js';

export interface ApplyStoreSnapshotInput {
  appId: string;
  appPlatformId: string;
  snapshot: StoreSnapshot;
  /** The user a purchase Tollgate has not seen belongs to (test store, device transactions). */
  ownerUserId?: string;
  /** The campaign and variant the device said the purchase was made under. */
  attribution?: Attribution | null;
}

export interface ApplyStoreSnapshotResult {
  /** `stale`: older than what was applied (its money is still booked); `unchanged`: nothing new. */
  outcome: 'applied' | 'unchanged' | 'stale';
  purchaseId: string;
  userId: string;
  events: RecordedEvent[];
}

/** The external id each store's purchase id is known by, as in the product's example payload. */
const STORE_PURCHASE_ID_KEYS = {
  apple: 'original_transaction_id',
  google: 'purchase_token',
  roku: 'roku_transaction_id',
} as const satisfies Record<StorePlatform, string>;

/**
 * Runs a transaction that may create a purchase, again if another one created the same
 * purchase at the same moment (two first notifications of it at once): the retry finds it.
 */
export async function retryingFirstSightings<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt < 3 && violatedUniqueConstraint(error) === 'purchases_store_purchase_key') {
        continue;
      }
      throw error;
    }
  }
}

/**
 * The one way a store's word changes a purchase, whoever brings it (Apple, Google, the test
 * store, a device), inside the caller's transaction: lock the purchase, apply the snapshot
 * unless the store's own clock says it is older than what was applied, book new money, and
 * write the events the change causes.
 */
export async function applyIn(
  trx: Transaction<Database>,
  deps: Deps,
  input: ApplyStoreSnapshotInput,
): Promise<ApplyStoreSnapshotResult> {
  const { snapshot } = input;
  const now = deps.now();
  const existing = await lockPurchase(trx, input, snapshot.storePurchaseId);
  const found = existing ?? (await createPurchase(trx, deps, input));
  const { purchase, previous } = found;

  // Money first: what gets booked now is what is new, whatever the state says.
  const booked = await recordRevenue(trx, deps, { purchase, payments: snapshot.payments, refunds: snapshot.refunds });
  if (existing && isStale(previous, snapshot)) {
    await trx
      .updateTable('purchases')
      .set({ last_verified_at: now })
      .where('app_id', '=', purchase.app_id)
      .where('id', '=', purchase.id)
      .execute();
    await updateUserSummary(trx, now, purchase, booked, false);
    return { outcome: 'stale', purchaseId: purchase.id, userId: purchase.user_id, events: [] };
  }

  const next = stateOf(snapshot);
  const money = bookedAmong(booked, snapshot);
  const types = purchaseEvents({
    previous,
    next,
    newPayments: money.payments,
    newRefunds: money.refunds,
    replaced: purchase.replaced_by_purchase_id !== null,
  });
  // A purchase just made from this very snapshot already holds its state.
  const updated =
    previous === null
      ? purchase
      : await trx
          .updateTable('purchases')
          .set({ ...purchaseColumns(next), last_verified_at: now, updated_at: now })
          .where('app_id', '=', purchase.app_id)
          .where('id', '=', purchase.id)
          .returningAll()
          .executeTakeFirstOrThrow();
  await updateUserSummary(trx, now, updated, booked, types.length > 0);
  await scheduleAcknowledgement(trx, updated, snapshot.awaitsAcknowledgement === true, now);
  const user = await userSnapshot(trx, input.appId, updated.user_id, now);
  const purchaseFields = purchasePayload(updated.id, updated.app_platform_id, next);
  const events = await recordEvents(trx, deps, {
    user,
    attribution: input.attribution ?? null,
    platform: updated.store,
    events: types.map((type) => ({
      type,
      purchaseId: updated.id,
      fields: { purchase: purchaseFields, transaction: moneyFor(type, booked) },
    })),
  });
  return {
    outcome: types.length > 0 ? 'applied' : 'unchanged',
    purchaseId: updated.id,
    userId: updated.user_id,
    events,
  };
}

interface FoundPurchase {
  purchase: Purchase;
  /** The state to compare with; null for a purchase new to Tollgate. */
  previous: PurchaseState | null;
}

async function lockPurchase(
  trx: Transaction<Database>,
  input: ApplyStoreSnapshotInput,
  storePurchaseId: string,
): Promise<FoundPurchase | null> {
  const purchase = await trx
    .selectFrom('purchases')
    .selectAll()
    .where('app_id', '=', input.appId)
    .where('app_platform_id', '=', input.appPlatformId)
    .where('store_purchase_id', '=', storePurchaseId)
    .forUpdate()
    .executeTakeFirst();
  return purchase ? { purchase, previous: purchaseStateOf(purchase) } : null;
}

/**
 * A purchase Tollgate has not seen: it belongs to the user of the purchase it replaces, the
 * user the caller or the app says, or else a new user with no device yet. A replacement
 * (an upgrade's new purchase token) is compared with the purchase it replaces, so that an
 * upgrade reads as a SKU change rather than a new purchase.
 */
async function createPurchase(
  trx: Transaction<Database>,
  deps: Deps,
  input: ApplyStoreSnapshotInput,
): Promise<FoundPurchase> {
  const { snapshot } = input;
  const now = deps.now();
  const replaced = snapshot.replacesStorePurchaseId
    ? await lockPurchase(trx, input, snapshot.replacesStorePurchaseId)
    : null;
  const userId =
    replaced?.purchase.user_id ??
    input.ownerUserId ??
    (await userFromAppHint(trx, input.appId, snapshot.appUserHint)) ??
    (await createUser(trx, deps, input.appId));
  // Inserted with the state before the change; the caller applies the snapshot next.
  const before = replaced?.previous ?? stateOf(snapshot);
  const purchase = await trx
    .insertInto('purchases')
    .values({
      app_id: input.appId,
      id: deps.newId(),
      app_platform_id: input.appPlatformId,
      user_id: userId,
      store: snapshot.store,
      environment: snapshot.environment,
      store_purchase_id: snapshot.storePurchaseId,
      ...purchaseColumns(before),
      last_verified_at: now,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (replaced) {
    await trx
      .updateTable('purchases')
      .set({ replaced_by_purchase_id: purchase.id, updated_at: now })
      .where('app_id', '=', input.appId)
      .where('id', '=', replaced.purchase.id)
      .execute();
  }
  const key =
    snapshot.environment === 'nami_bypass_store' ? 'test_store_purchase_id' : STORE_PURCHASE_ID_KEYS[snapshot.store];
  await linkExternalId(trx, deps, { appId: input.appId, userId, key, type: key, value: snapshot.storePurchaseId });
  return { purchase, previous: replaced?.previous ?? null };
}

/** The user's summary row moves with every change: what the customers list and detail read. */
async function updateUserSummary(
  trx: Transaction<Database>,
  now: Date,
  purchase: Purchase,
  booked: readonly RevenueRow[],
  changed: boolean,
): Promise<void> {
  const paid = booked.filter((row) => row.revenue_type === 'purchase' || row.revenue_type === 'renewal');
  const usd = booked.reduce((sum, row) => sum + (row.usd_micros ?? 0), 0);
  if (booked.length === 0 && !changed) {
    return;
  }
  const paidTimes = paid.map((row) => row.occurred_at.getTime());
  // PostgreSQL's least and greatest pass over nulls: the first purchase needs no special case.
  const firstAndLast =
    paidTimes.length === 0
      ? {}
      : {
          first_purchase_at: sql<Date>`least(first_purchase_at, ${new Date(Math.min(...paidTimes))})`,
          last_purchase_at: sql<Date>`greatest(last_purchase_at, ${new Date(Math.max(...paidTimes))})`,
        };
  await trx
    .updateTable('users')
    .set((eb) => ({
      updated_at: now,
      purchases_count: eb('purchases_count', '+', paid.length),
      lifetime_value_usd_micros: eb('lifetime_value_usd_micros', '+', usd),
      ...firstAndLast,
    }))
    .where('app_id', '=', purchase.app_id)
    .where('id', '=', purchase.user_id)
    .execute();
}

/** Events caused by money carry it: a payment, or for a refund, the refund. */
const PAID_EVENTS: ReadonlySet<PurchaseEventType> = new Set([
  'user.subscription.purchased',
  'user.subscription.renewed',
  'user.journey.trial.converted',
  'user.subscription.renewal_in_grace_period',
  'user.subscription.sku_change',
  'user.subscription.resumed',
]);

function moneyFor(type: PurchaseEventType, booked: readonly RevenueRow[]): TransactionPayload | null {
  const latest = (rows: readonly RevenueRow[]) =>
    rows.reduce<RevenueRow | null>((a, b) => (a && a.occurred_at > b.occurred_at ? a : b), null);
  const payments = booked.filter((row) => row.revenue_type === 'purchase' || row.revenue_type === 'renewal');
  const refunds = booked.filter((row) => row.revenue_type === 'refund' || row.revenue_type === 'refund_reversal');
  const row =
    type === 'purchase.updated'
      ? latest(booked)
      : PAID_EVENTS.has(type)
        ? (latest(payments) ?? (type === 'user.subscription.resumed' ? latest(refunds) : null))
        : type === 'user.subscription.expired'
          ? latest(refunds)
          : null;
  return row && transactionPayload(row);
}

function transactionPayload(row: RevenueRow): TransactionPayload {
  return {
    id: row.id,
    store_transaction_id: row.store_transaction_id,
    revenue_type: row.revenue_type,
    sku_ref_id: row.sku_ref_id,
    period_kind: row.period_kind,
    amount_micros: row.amount_micros,
    currency: row.currency,
    usd_micros: row.usd_micros ?? 0,
    occurred_at: row.occurred_at.toISOString(),
  };
}

/**
 * A purchase the store will refund unless acknowledged is due for the worker at once (see
 * acknowledgeDuePurchases); one the store no longer waits on (acknowledged by the app itself,
 * or by Tollgate) is not.
 */
async function scheduleAcknowledgement(
  trx: Transaction<Database>,
  purchase: Purchase,
  awaits: boolean,
  now: Date,
): Promise<void> {
  if (awaits === (purchase.acknowledge_due_at !== null)) {
    return;
  }
  await trx
    .updateTable('purchases')
    .set({ acknowledge_due_at: awaits ? now : null })
    .where('app_id', '=', purchase.app_id)
    .where('id', '=', purchase.id)
    .execute();
}
