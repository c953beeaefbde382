import {
  type ActiveEntitlement,
  activeEntitlements,
  type CustomerJourneyState,
  customerJourneyState,
  type Grant,
  type OwnedPurchase,
  type UserSnapshot,
} from '@tollgate/core';
import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import { purchaseStateOf } from './purchase-state.js';

/** The user's purchases that can still grant something, with what their SKUs grant. */
async function ownedPurchases(db: Kysely<Database>, appId: string, userId: string): Promise<OwnedPurchase[]> {
  const purchases = await db
    .selectFrom('purchases')
    .selectAll()
    .where('app_id', '=', appId)
    .where('user_id', '=', userId)
    .where('replaced_by_purchase_id', 'is', null)
    .execute();
  if (purchases.length === 0) {
    return [];
  }
  const grants = await db
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
    .select([
      'products.app_platform_id',
      'products.sku_ref_id',
      'entitlements.entitlement_ref_id',
      'entitlements.name',
      'entitlements.description',
    ])
    .where('products.app_id', '=', appId)
    .where('products.sku_ref_id', 'in', [...new Set(purchases.map((p) => p.sku_ref_id))])
    .execute();
  const bySku = new Map<string, Grant[]>();
  for (const grant of grants) {
    const key = `${grant.app_platform_id}/${grant.sku_ref_id}`;
    bySku.set(key, [
      ...(bySku.get(key) ?? []),
      { entitlementRefId: grant.entitlement_ref_id, name: grant.name, description: grant.description },
    ]);
  }
  return purchases.map((purchase) => ({
    state: purchaseStateOf(purchase),
    grants: bySku.get(`${purchase.app_platform_id}/${purchase.sku_ref_id}`) ?? [],
    lastVerifiedAt: purchase.last_verified_at,
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
  const purchases = await ownedPurchases(db, appId, userId);
  return { activeEntitlements: activeEntitlements(purchases, now), journey: customerJourneyState(purchases, now) };
}

/** The user as every event describes them. */
export async function userSnapshot(
  db: Kysely<Database>,
  appId: string,
  userId: string,
  now: Date,
): Promise<UserSnapshot> {
  const [state, devices, externalIds] = await Promise.all([
    customerState(db, appId, userId, now),
    db
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
      .orderBy('devices.id')
      .execute(),
    db
      .selectFrom('external_ids')
      .select(['key', 'type', 'value'])
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('key')
      .execute(),
  ]);
  return {
    appId,
    userId,
    activeEntitlements: state.activeEntitlements,
    journey: state.journey,
    devices: devices.map((device) => ({
      id: device.id,
      platform: {
        id: device.platform_id,
        name: device.name,
        platform_type: device.store,
        marketplace_app_id: device.marketplace_app_id,
      },
    })),
    externalIds,
  };
}
