import type { StoreSnapshot } from '@tollgate/core';
import { appleTransactionSnapshot, StorePayloadError, startTestPurchase, type TestStorePrice } from '@tollgate/stores';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.js';
import type { Attribution } from '../use-cases/count-campaign-results.js';
import {
  priorDeviceTransaction,
  type RecordDeviceTransactionResult,
  recordDeviceTransaction,
} from '../use-cases/record-device-transaction.js';
import type { SdkCaller } from '../use-cases/sdk-caller.js';
import type { StoreGateways } from './gateways.js';
import { googlePurchaseEffect } from './google.js';

/** What a device reports it bought, as its store's SDK handed it over. */
export type DevicePurchase =
  /** StoreKit 2: the signed transaction (and renewal info) Apple gave the app. */
  | { store: 'apple'; signedTransaction: string; signedRenewalInfo: string | null }
  /** Play Billing: the purchase token, to check with the Play Developer API. */
  | { store: 'google'; purchaseToken: string; productId: string; productType: 'subscription' | 'one_time' }
  /** Tollgate's test store: a purchase no store processes. */
  | {
      store: 'test_store';
      skuRefId: string;
      offer: 'none' | 'trial' | 'intro';
      price: TestStorePrice;
      periodDays: number;
      trialDays: number;
    };

export type DeviceTransactionResult =
  | RecordDeviceTransactionResult
  | { outcome: 'rejected'; status: 401 | 409 | 422 | 503; code: string; detail: string };

/** Checks a device's purchase with its store, then records it for the device's user. */
export async function takeDeviceTransaction(
  deps: Deps,
  gateways: StoreGateways,
  log: FastifyBaseLogger,
  input: {
    caller: SdkCaller;
    deviceId: string;
    transactionId: string;
    purchase: DevicePurchase;
    campaign: Attribution | null;
  },
): Promise<DeviceTransactionResult> {
  const prior = await priorDeviceTransaction(deps.db, input);
  if (prior.outcome !== 'new') {
    return prior;
  }
  const snapshot = await confirmedSnapshot(deps, gateways, input);
  if ('outcome' in snapshot) {
    if (snapshot.status === 401) {
      log.warn({ appPlatformId: input.caller.id, reason: snapshot.detail }, 'refused a device transaction');
    }
    return snapshot;
  }
  return recordDeviceTransaction(deps, { ...input, snapshot });
}

type Rejection = Extract<DeviceTransactionResult, { outcome: 'rejected' }>;

function rejected(status: Rejection['status'], code: string, detail: string): Rejection {
  return { outcome: 'rejected', status, code, detail };
}

async function confirmedSnapshot(
  deps: Deps,
  gateways: StoreGateways,
  input: { caller: SdkCaller; transactionId: string; purchase: DevicePurchase },
): Promise<StoreSnapshot | Rejection> {
  const { caller, purchase } = input;
  const platform = await deps.db
    .selectFrom('app_platforms')
    .selectAll()
    .where('app_id', '=', caller.app_id)
    .where('id', '=', caller.id)
    .executeTakeFirstOrThrow();
  switch (purchase.store) {
    case 'apple': {
      if (platform.store !== 'apple') {
        return rejected(
          422,
          'wrong_store',
          `This is a ${platform.store} app platform: it takes no App Store transactions`,
        );
      }
      const verification = await gateways.apple.verifyTransaction(
        purchase.signedTransaction,
        purchase.signedRenewalInfo,
        {
          bundleId: platform.marketplace_app_id,
          appAppleId: platform.apple_app_apple_id,
        },
      );
      if (verification.outcome === 'rejected') {
        return verification.retryable
          ? rejected(503, 'verification_unavailable', verification.reason)
          : rejected(401, 'transaction_not_verified', verification.reason);
      }
      try {
        return appleTransactionSnapshot(verification);
      } catch (error) {
        if (error instanceof StorePayloadError) {
          return rejected(422, 'transaction_not_understood', error.message);
        }
        throw error;
      }
    }
    case 'google': {
      if (platform.store !== 'google') {
        return rejected(
          422,
          'wrong_store',
          `This is a ${platform.store} app platform: it takes no Google Play purchases`,
        );
      }
      const effect = await googlePurchaseEffect(deps, gateways, platform, {
        type: purchase.productType,
        purchaseToken: purchase.purchaseToken,
        productId: purchase.productId,
      });
      switch (effect.kind) {
        case 'snapshot':
          return effect.snapshot;
        case 'nothing':
          return rejected(422, 'purchase_not_confirmed', `Google Play does not confirm the purchase: ${effect.why}`);
        case 'deferred':
          return rejected(503, 'store_api_unavailable', effect.reason);
      }
      break;
    }
    case 'test_store': {
      const product = await deps.db
        .selectFrom('products')
        .select('type')
        .where('app_id', '=', caller.app_id)
        .where('app_platform_id', '=', caller.id)
        .where('sku_ref_id', '=', purchase.skuRefId)
        .executeTakeFirst();
      if (!product) {
        return rejected(422, 'unknown_sku', `The app platform has no product SKU ${purchase.skuRefId}`);
      }
      return startTestPurchase({
        store: platform.store,
        storePurchaseId: `tgb_${input.transactionId}`,
        skuRefId: purchase.skuRefId,
        productType: product.type,
        offer: purchase.offer,
        price: purchase.price,
        introPrice: null,
        periodDays: purchase.periodDays,
        trialDays: purchase.trialDays,
        at: deps.now(),
      });
    }
  }
}
