import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { logIn } from '../../../use-cases/log-in.js';
import { logOut } from '../../../use-cases/log-out.js';
import { setExternalId } from '../../../use-cases/set-external-id.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id } from '../../schemas.js';
import { sdkCallerOf } from '../../sdk-auth.js';
import { deviceNotFound, deviceParams, deviceTime } from './sdk-schema.js';

const externalIdValue = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .describe('The app’s own id for its user: never an e-mail or a name');

/** Keys Tollgate sets itself: a store's purchase ids, and the app's own id (set by login). */
const RESERVED_KEYS = new Set([
  'external_id',
  'original_transaction_id',
  'purchase_token',
  'roku_transaction_id',
  'test_store_purchase_id',
]);

export function logInRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/devices/:deviceId/login',
    {
      schema: {
        operationId: 'logIn',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'The user signs in: the device joins the user with this external id, its purchases with it',
        params: deviceParams,
        body: z.strictObject({ external_id: externalIdValue, occurred_at: deviceTime }),
        response: {
          200: z.object({
            outcome: z.enum(['logged_in', 'already_logged_in']),
            user_id: id,
            transferred_purchases: z.int(),
          }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const caller = sdkCallerOf(request);

      const result = await logIn(deps, {
        caller,
        deviceId: request.params.deviceId,
        externalId: request.body.external_id,
        at: request.body.occurred_at ? new Date(request.body.occurred_at) : undefined,
      });

      switch (result.outcome) {
        case 'logged_in':
          return { outcome: result.outcome, user_id: result.userId, transferred_purchases: result.transferred };
        case 'already_logged_in':
          return { outcome: result.outcome, user_id: result.userId, transferred_purchases: 0 };
        case 'device_not_found':
          throw deviceNotFound(request.params.deviceId);
      }
    },
  );
}

export function logOutRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/devices/:deviceId/logout',
    {
      schema: {
        operationId: 'logOut',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'The user signs out: the device gets a fresh anonymous user',
        params: deviceParams,
        response: {
          200: z.object({ outcome: z.enum(['logged_out', 'already_anonymous']), user_id: id }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const caller = sdkCallerOf(request);

      const result = await logOut(deps, { caller, deviceId: request.params.deviceId });

      switch (result.outcome) {
        case 'logged_out':
        case 'already_anonymous':
          return { outcome: result.outcome, user_id: result.userId };
        case 'device_not_found':
          throw deviceNotFound(request.params.deviceId);
      }
    },
  );
}

export function setExternalIdRoute(http: HttpApp, deps: Deps): void {
  http.put(
    '/devices/:deviceId/external-ids/:key',
    {
      schema: {
        operationId: 'setExternalId',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'Give the device’s user a value for one identifier key of the app’s own',
        params: deviceParams.extend({
          key: z
            .string()
            .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'Lower-case letters, digits, ".", "_" or "-"')
            .refine((key) => !RESERVED_KEYS.has(key), 'Tollgate sets this key itself (use login for external_id)'),
        }),
        body: z.strictObject({ value: externalIdValue }),
        response: { 200: z.object({ user_id: id }), ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const caller = sdkCallerOf(request);
      const { deviceId, key } = request.params;

      const result = await setExternalId(deps, { caller, deviceId, key, value: request.body.value });

      switch (result.outcome) {
        case 'set':
          return { user_id: result.userId };
        case 'device_not_found':
          throw deviceNotFound(deviceId);
        case 'taken':
          throw new Problem(409, 'external_id_taken', `Another user has this value for ${key}`, [
            { location: 'body', field: 'value', message: 'Another user has it' },
          ]);
      }
    },
  );
}
