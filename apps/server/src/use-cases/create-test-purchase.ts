import { startTestPurchase, type TestStorePrice } from '@tollgate/stores';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { type ApplyStoreSnapshotResult, applyIn } from './apply-store-snapshot.js';
import { userForExternalId } from './users.js';

export interface CreateTestPurchaseInput {
  orgId: string;
  appId: string;
  appPlatformId: string;
  skuRefId: string;
  /** Whose purchase: a known user, the user with this external id (made if new), or a new user. */
  owner: { userId: string } | { externalId: string } | null;
  offer: 'none' | 'trial' | 'intro';
  price: TestStorePrice;
  introPrice: TestStorePrice | null;
  periodDays: number;
  trialDays: number;
  at: Date | null;
}

export type CreateTestPurchaseResult =
  | { outcome: 'created'; storePurchaseId: string; applied: ApplyStoreSnapshotResult }
  | { outcome: 'app_not_found' }
  | { outcome: 'app_platform_not_found' }
  | { outcome: 'product_not_found' }
  | { outcome: 'user_not_found' };

/** A purchase in the test store, through the same engine as a store's. */
export function createTestPurchase(deps: Deps, input: CreateTestPurchaseInput): Promise<CreateTestPurchaseResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    const platform = await trx
      .selectFrom('app_platforms')
      .select(['id', 'store'])
      .where('app_id', '=', app.id)
      .where('id', '=', input.appPlatformId)
      .executeTakeFirst();
    if (!platform) {
      return { outcome: 'app_platform_not_found' } as const;
    }
    const product = await trx
      .selectFrom('products')
      .select('type')
      .where('app_id', '=', app.id)
      .where('app_platform_id', '=', platform.id)
      .where('sku_ref_id', '=', input.skuRefId)
      .executeTakeFirst();
    if (!product) {
      return { outcome: 'product_not_found' } as const;
    }
    let ownerUserId: string | undefined;
    if (input.owner && 'userId' in input.owner) {
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where('app_id', '=', app.id)
        .where('id', '=', input.owner.userId)
        .executeTakeFirst();
      if (!user) {
        return { outcome: 'user_not_found' } as const;
      }
      ownerUserId = user.id;
    } else if (input.owner) {
      ownerUserId = await userForExternalId(trx, deps, app.id, input.owner.externalId);
    }
    const storePurchaseId = `tgb_${deps.newId()}`;
    const snapshot = startTestPurchase({
      store: platform.store,
      storePurchaseId,
      skuRefId: input.skuRefId,
      productType: product.type,
      offer: input.offer,
      price: input.price,
      introPrice: input.introPrice,
      periodDays: input.periodDays,
      trialDays: input.trialDays,
      at: input.at ?? deps.now(),
    });
    const applied = await applyIn(trx, deps, {
      appId: app.id,
      appPlatformId: platform.id,
      snapshot,
      ...(ownerUserId === undefined ? {} : { ownerUserId }),
    });
    return { outcome: 'created', storePurchaseId, applied } as const;
  });
}
