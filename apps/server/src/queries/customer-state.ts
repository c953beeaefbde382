import {
  type ActiveEntitlement,
  activeEntitlements,
  type CustomerJourneyState,
  customerJourneyState,
  type OwnedPurchase,
  type UserSnapshot,
} from '@tollgate/core';
import type { Database, Purchase } from '@tollgate/db';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { purchaseStateOf } from './purchase-state.js';

type Builder = ExpressionBuilder<Database, never>;

/** The user's purchases that can still grant something, each with what its SKU grants. */
function purchasesWithGrants(eb: Builder, appId: string, userId: string) {
  return jsonArrayFrom(
    eb
      .selectFrom('purchases')
      .selectAll('purchases')
      .select((inner) =>
        jsonArrayFrom(
          inner
            .selectFrom('products')
            .innerJoin('product_entitlements', (join) =>
              join
                .onRef('product_entitlements.app_id', '=', 'products.app_id')
                .onRef('product_entitlements.product_id', '=', 'products.id'),
            )
            .innerJoin('entitlements', (join) =>
              join
                .onRef('entitlements.app_id', '=', 'product_entitlements.app_id')
                .onRef('entitlements.id', '=', 'product_entitlements.entitlement_id'),
            )
            .select(['entitlements.entitlement_ref_id', 'entitlements.name', 'entitlements.description'])
            .whereRef('products.app_id', '=', 'purchases.app_id')
            .whereRef('products.app_platform_id', '=', 'purchases.app_platform_id')
            .whereRef('products.sku_ref_id', '=', 'purchases.sku_ref_id'),
        ).as('grants'),
      )
      .where('purchases.app_id', '=', appId)
      .where('purchases.user_id', '=', userId)
      .where('purchases.replaced_by_purchase_id', 'is', null),
  ).as('purchases');
}

/** A row that came back inside JSON: its timestamps are ISO strings. */
type FromJson<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

type PurchaseWithGrants = FromJson<Purchase> & {
  grants: Array<{ entitlement_ref_id: string; name: string; description: string }>;
};

function owned(rows: readonly PurchaseWithGrants[]): OwnedPurchase[] {
  const at = (value: string | null) => (value === null ? null : new Date(value));
  return rows.map((row) => ({
    state: purchaseStateOf({
      ...row,
      created_at: new Date(row.created_at),
      updated_at: new Date(row.updated_at),
      last_verified_at: new Date(row.last_verified_at),
      purchased_at: new Date(row.purchased_at),
      observed_at: new Date(row.observed_at),
      period_start: at(row.period_start),
      expires_at: at(row.expires_at),
      grace_period_ends_at: at(row.grace_period_ends_at),
      resumes_at: at(row.resumes_at),
    }),
    grants: row.grants.map((grant) => ({
      entitlementRefId: grant.entitlement_ref_id,
      name: grant.name,
      description: grant.description,
    })),
    lastVerifiedAt: new Date(row.last_verified_at),
  }));
}

export interface CustomerState {
  activeEntitlements: ActiveEntitlement[];
  journey: CustomerJourneyState;
}

/** What the user may access now, and where they are in their journey. */
export async function customerState(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  now: Date,
): Promise<CustomerState> {
  const row = await db.selectNoFrom((eb) => [purchasesWithGrants(eb, appId, userId)]).executeTakeFirstOrThrow();
  const purchases = owned(row.purchases);
  return { activeEntitlements: activeEntitlements(purchases, now), journey: customerJourneyState(purchases, now) };
}

/** The user as every event describes them, read in one round trip. */
export async function userSnapshot(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  now: Date,
): Promise<UserSnapshot> {
  const row = await db
    .selectNoFrom((eb) => [
      purchasesWithGrants(eb, appId, userId),
      jsonArrayFrom(
        eb
          .selectFrom('devices')
          .innerJoin('app_platforms', (join) =>
            join
              .onRef('app_platforms.app_id', '=', 'devices.app_id')
              .onRef('app_platforms.id', '=', 'devices.app_platform_id'),
          )
          .select([
            'devices.id',
            'app_platforms.id as platform_id',
            'app_platforms.name',
            'app_platforms.store',
            'app_platforms.marketplace_app_id',
          ])
          .where('devices.app_id', '=', appId)
          .where('devices.user_id', '=', userId)
          .orderBy('devices.id'),
      ).as('devices'),
      jsonArrayFrom(
        eb
          .selectFrom('external_ids')
          .select(['key', 'type', 'value'])
          .where('app_id', '=', appId)
          .where('user_id', '=', userId)
          .orderBy('created_at')
          .orderBy('key'),
      ).as('external_ids'),
    ])
    .executeTakeFirstOrThrow();
  const purchases = owned(row.purchases);
  return {
    appId,
    userId,
    activeEntitlements: activeEntitlements(purchases, now),
    journey: customerJourneyState(purchases, now),
    devices: row.devices.map((device) => ({
      id: device.id,
      platform: {
        id: device.platform_id,
        name: device.name,
        platform_type: device.store,
        marketplace_app_id: device.marketplace_app_id,
      },
    })),
    externalIds: row.external_ids,
  };
}
