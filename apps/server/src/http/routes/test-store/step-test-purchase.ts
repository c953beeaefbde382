import { TEST_STORE_ACTIONS } from '@tollgate/stores';
import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { stepTestPurchaseUseCase } from '../../../use-cases/step-test-purchase.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id, refId } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { at, currency, presentTestStoreResult, priceMicros, testStoreResult } from './test-store-schema.js';

const body = z
  .strictObject({
    action: z
      .enum(TEST_STORE_ACTIONS)
      .describe(
        'renew (also converts a trial), cancel (auto-renew off), resume (auto-renew on, or end a pause), ' +
          'fail_billing (grace period), enter_account_hold, recover, pause, change_sku (now), ' +
          'schedule_sku_change (at the next renewal), refund, expire',
      ),
    sku_ref_id: refId.optional().describe('For change_sku and schedule_sku_change'),
    price_micros: priceMicros.optional().describe('What a new period costs; by default what the last one did'),
    currency: currency.optional(),
    period_days: z.int().min(1).max(3660).default(30),
    days: z.int().min(1).max(365).default(6).describe('How long grace lasts (fail_billing) or a pause lasts (pause)'),
    at,
  })
  .refine((value) => (value.price_micros === undefined) === (value.currency === undefined), {
    message: 'Give price_micros and currency together',
    path: ['currency'],
  });

export function stepTestPurchaseRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/test-store/purchases/:purchaseId/actions',
    {
      schema: {
        operationId: 'stepTestPurchase',
        tags: ['Test store'],
        summary: 'Move a test-store purchase one step through its life',
        params: z.strictObject({ appId: id, purchaseId: id }),
        body,
        response: { 200: testStoreResult, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const input = request.body;

      const result = await stepTestPurchaseUseCase(deps, {
        orgId,
        appId: request.params.appId,
        purchaseId: request.params.purchaseId,
        action: input.action,
        at: input.at ? new Date(input.at) : null,
        price:
          input.price_micros === undefined || input.currency === undefined
            ? null
            : { amountMicros: input.price_micros, currency: input.currency },
        skuRefId: input.sku_ref_id ?? null,
        periodDays: input.period_days,
        days: input.days,
      });

      switch (result.outcome) {
        case 'stepped':
          return presentTestStoreResult(result.applied);
        case 'app_not_found':
          throw appNotFound(request.params.appId);
        case 'purchase_not_found':
          throw new Problem(404, 'purchase_not_found', `The app has no purchase ${request.params.purchaseId}`);
        case 'not_a_test_purchase':
          throw new Problem(
            409,
            'not_a_test_purchase',
            'Only test-store purchases can be driven: this one is a store’s',
          );
        case 'product_not_found':
          throw new Problem(422, 'unknown_sku', 'The purchase’s app platform has no product SKU with this sku_ref_id', [
            {
              location: 'body',
              field: 'sku_ref_id',
              message: 'No product SKU of this app platform has this sku_ref_id',
            },
          ]);
        case 'not_possible':
          throw new Problem(409, 'step_not_possible', `The purchase cannot ${input.action} now: ${result.reason}`);
      }
    },
  );
}
