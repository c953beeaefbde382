import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { deviceUserSnapshot } from '../../../queries/customer-state.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { id, timestamp } from '../../schemas.js';
import { sdkCallerOf } from '../../sdk-auth.js';
import { deviceNotFound, deviceParams } from './sdk-schema.js';

const customerInfo = z.object({
  user_id: id,
  active_entitlements: z.array(
    z.object({
      entitlement_ref_id: z.string(),
      name: z.string(),
      description: z.string(),
      sku_ref_id: z.string(),
      expiration: timestamp.nullable(),
      purchase_platform: z.string(),
      last_verified: timestamp,
    }),
  ),
  customer_journey_state: z.object({
    former_subscriber: z.boolean(),
    in_account_hold: z.boolean(),
    in_grace_period: z.boolean(),
    in_trial_period: z.boolean(),
    in_intro_offer_period: z.boolean(),
    in_pause: z.boolean(),
    is_cancelled: z.boolean(),
  }),
  external_ids: z.array(z.object({ key: z.string(), type: z.string(), value: z.string() })),
});

export function customerInfoRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/devices/:deviceId/customer-info',
    {
      schema: {
        operationId: 'customerInfo',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'What the device’s user may access now, and where they are in their journey',
        description: 'Made to be called at every app start: one statement of indexed reads.',
        params: deviceParams,
        response: { 200: customerInfo, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const caller = sdkCallerOf(request);

      const user = await deviceUserSnapshot(
        deps.db,
        { appId: caller.app_id, appPlatformId: caller.id, deviceId: request.params.deviceId },
        deps.now(),
      );
      if (!user) {
        throw deviceNotFound(request.params.deviceId);
      }
      return {
        user_id: user.userId,
        active_entitlements: user.activeEntitlements,
        customer_journey_state: user.journey,
        external_ids: user.externalIds,
      };
    },
  );
}
