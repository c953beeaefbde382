import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { type DevicePurchase, takeDeviceTransaction } from '../../../intake/device-transaction.js';
import type { StoreGateways } from '../../../intake/gateways.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id, refId } from '../../schemas.js';
import { sdkCallerOf } from '../../sdk-auth.js';
import { currency, priceMicros } from '../test-store/test-store-schema.js';
import { clientId, deviceNotFound, deviceParams, label } from './sdk-schema.js';

const body = z
  .strictObject({
    transaction_id: clientId,
    campaign: z
      .strictObject({ id: label, variant: label })
      .optional()
      .describe('The campaign and variant of the paywall the purchase was made on (from the placement answer)'),
    apple: z
      .strictObject({
        signed_transaction: z.string().min(1).max(100_000).describe('StoreKit 2 Transaction.jwsRepresentation'),
        signed_renewal_info: z.string().min(1).max(100_000).optional(),
      })
      .optional(),
    google: z
      .strictObject({
        purchase_token: z.string().min(1).max(1000),
        product_id: refId,
        product_type: z.enum(['subscription', 'one_time']),
      })
      .optional(),
    test_store: z
      .strictObject({
        sku_ref_id: refId,
        offer: z.enum(['none', 'trial', 'intro']).default('none'),
        price_micros: priceMicros.default(9_990_000),
        currency: currency.default('USD'),
        period_days: z.int().min(1).max(3660).default(30),
        trial_days: z.int().min(1).max(365).default(7),
      })
      .optional(),
  })
  .refine((value) => [value.apple, value.google, value.test_store].filter(Boolean).length === 1, {
    message: 'Give exactly one of apple, google or test_store',
    path: ['apple'],
  });

function devicePurchase(input: z.infer<typeof body>): DevicePurchase {
  if (input.apple) {
    return {
      store: 'apple',
      signedTransaction: input.apple.signed_transaction,
      signedRenewalInfo: input.apple.signed_renewal_info ?? null,
    };
  }
  if (input.google) {
    return {
      store: 'google',
      purchaseToken: input.google.purchase_token,
      productId: input.google.product_id,
      productType: input.google.product_type,
    };
  }
  const test = input.test_store;
  if (!test) {
    throw new Error('the schema lets exactly one kind of purchase through');
  }
  return {
    store: 'test_store',
    skuRefId: test.sku_ref_id,
    offer: test.offer,
    price: { amountMicros: test.price_micros, currency: test.currency },
    periodDays: test.period_days,
    trialDays: test.trial_days,
  };
}

export function recordTransactionRoute(http: HttpApp, deps: Deps, gateways: StoreGateways): void {
  http.post(
    '/devices/:deviceId/transactions',
    {
      schema: {
        operationId: 'recordTransaction',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'A purchase made on the device: checked with its store, then the device’s user’s',
        description:
          'An Apple signed transaction is verified with Apple’s library; a Google purchase token is checked with the ' +
          'Play Developer API; a test-store purchase is made in the test store. The purchase goes through the same ' +
          'engine as store notifications, moves to the device’s user if someone else had it (an entitlement ' +
          'transfer), and device.transaction is emitted.',
        params: deviceParams,
        body,
        response: {
          201: z.object({ outcome: z.literal('recorded'), purchase_id: id, user_id: id, events: z.array(z.string()) }),
          200: z.object({
            outcome: z.literal('already_recorded'),
            purchase_id: id,
            user_id: id,
            events: z.array(z.string()),
          }),
          ...problemResponses(400, 401, 404, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const caller = sdkCallerOf(request);

      const result = await takeDeviceTransaction(deps, gateways, request.log, {
        caller,
        deviceId: request.params.deviceId,
        transactionId: request.body.transaction_id,
        purchase: devicePurchase(request.body),
        campaign: request.body.campaign ?? null,
      });

      switch (result.outcome) {
        case 'recorded':
          return reply.code(201).send({
            outcome: 'recorded' as const,
            purchase_id: result.purchaseId,
            user_id: result.userId,
            events: result.events,
          });
        case 'already_recorded':
          return reply.code(200).send({
            outcome: 'already_recorded' as const,
            purchase_id: result.purchaseId,
            user_id: result.userId,
            events: [],
          });
        case 'device_not_found':
          throw deviceNotFound(request.params.deviceId);
        case 'rejected':
          throw new Problem(result.status, result.code, result.detail);
      }
    },
  );
}
