import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { registerDevice } from '../../../use-cases/register-device.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id } from '../../schemas.js';
import { sdkCallerOf } from '../../sdk-auth.js';
import { deviceParams } from './sdk-schema.js';

const short = (max: number) => z.string().trim().min(1).max(max);

const deviceInfo = z.strictObject({
  os: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, 'Lower-case, such as ios, android, tvos')
    .optional()
    .describe('ios, ipados, tvos, macos, visionos, android, roku, web…'),
  os_version: short(64).optional(),
  model: short(128).optional().describe('The model, such as iPhone16,2: never a name'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A BCP 47 tag, such as en or pt-BR')
    .max(35)
    .optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code, such as US')
    .optional()
    .describe('Where the device is, to the country and no closer'),
  sdk_version: short(64).optional(),
  app_version: short(64).optional(),
});

export function registerDeviceRoute(http: HttpApp, deps: Deps): void {
  http.put(
    '/devices/:deviceId',
    {
      schema: {
        operationId: 'registerDevice',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'Register a device (with an anonymous user of its own), or update what it says of itself',
        description:
          'The device makes its own id (a UUID) and keeps it. Tollgate keeps a country code and never an IP ' +
          'address, a name, an e-mail or a fingerprint.',
        params: deviceParams,
        body: deviceInfo,
        response: {
          200: z.object({ device_id: id, user_id: id }),
          201: z.object({ device_id: id, user_id: id }),
          ...problemResponses(400, 401, 409),
        },
      },
    },
    async (request, reply) => {
      const caller = sdkCallerOf(request);

      const result = await registerDevice(deps, { caller, deviceId: request.params.deviceId, info: request.body });

      switch (result.outcome) {
        case 'created':
        case 'updated':
          return reply
            .code(result.outcome === 'created' ? 201 : 200)
            .send({ device_id: result.deviceId, user_id: result.userId });
        case 'device_of_another_platform':
          throw new Problem(409, 'device_of_another_platform', 'This device id belongs to another app platform');
      }
    },
  );
}
