import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { createTestPurchase } from '../../../use-cases/create-test-purchase.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id, refId } from '../../schemas.js';
import { appParams } from '../apps/app-schema.js';
import { appNotFound } from '../apps/problems.js';
import { unknownAppPlatform } from '../products/problems.js';
import { at, currency, presentTestStoreResult, priceMicros, testStoreResult } from './test-store-schema.js';

const body = z
  .strictObject({
    app_platform_id: id,
    sku_ref_id: refId.describe('A product SKU of that app platform'),
    user_id: id.optional().describe('Whose purchase (omit both this and external_id for a new user)'),
    external_id: z.string().min(1).max(256).optional().describe('The user the app knows by this id; made if new'),
    offer: z.enum(['none', 'trial', 'intro']).default('none'),
    price_micros: priceMicros.default(9_990_000),
    intro_price_micros: priceMicros.optional(),
    currency: currency.default('USD'),
    period_days: z.int().min(1).max(3660).default(30),
    trial_days: z.int().min(1).max(365).default(7),
    at,
  })
  .refine((value) => value.user_id === undefined || value.external_id === undefined, {
    message: 'Give user_id or external_id, not both',
    path: ['external_id'],
  });

export function createTestPurchaseRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/test-store/purchases',
    {
      schema: {
        operationId: 'createTestPurchase',
        tags: ['Test store'],
        summary: 'Buy a SKU in the test store (the nami_bypass_store environment)',
        description:
          'A purchase no store processes, that goes through the same engine as a real one: revenue is labelled ' +
          'nami_bypass_store. Drive the rest of its life with the actions endpoint.',
        params: appParams,
        body,
        response: {
          201: testStoreResult.extend({ store_purchase_id: z.string() }),
          ...problemResponses(400, 401, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const input = request.body;

      const result = await createTestPurchase(deps, {
        orgId,
        appId: request.params.appId,
        appPlatformId: input.app_platform_id,
        skuRefId: input.sku_ref_id,
        owner: input.user_id ? { userId: input.user_id } : input.external_id ? { externalId: input.external_id } : null,
        offer: input.offer,
        price: { amountMicros: input.price_micros, currency: input.currency },
        introPrice:
          input.intro_price_micros === undefined
            ? null
            : { amountMicros: input.intro_price_micros, currency: input.currency },
        periodDays: input.period_days,
        trialDays: input.trial_days,
        at: input.at ? new Date(input.at) : null,
      });

      switch (result.outcome) {
        case 'created':
          return reply
            .code(201)
            .send({ ...presentTestStoreResult(result.applied), store_purchase_id: result.storePurchaseId });
        case 'app_not_found':
          throw appNotFound(request.params.appId);
        case 'app_platform_not_found':
          throw unknownAppPlatform();
        case 'product_not_found':
          throw new Problem(422, 'unknown_sku', 'The app platform has no product SKU with this sku_ref_id', [
            {
              location: 'body',
              field: 'sku_ref_id',
              message: 'No product SKU of this app platform has this sku_ref_id',
            },
          ]);
        case 'user_not_found':
          throw new Problem(422, 'unknown_user', 'The app has no user with this id', [
            { location: 'body', field: 'user_id', message: 'No user of this app has this id' },
          ]);
      }
    },
  );
}
