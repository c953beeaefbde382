import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { takeAppleNotification } from '../../../intake/apple.js';
import type { StoreGateways } from '../../../intake/gateways.js';
import { findStorePlatform } from '../../../queries/app-platforms.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { answerStore, intakeAnswer, platformNotFound, storeParams } from './intake-answer.js';

export function appleNotificationsRoute(http: HttpApp, deps: Deps, gateways: StoreGateways): void {
  http.post(
    '/stores/apple/:appPlatformId/notifications',
    {
      schema: {
        operationId: 'receiveAppleNotification',
        tags: ['Stores'],
        summary: 'App Store Server Notifications V2: set this URL in App Store Connect',
        description:
          "Authenticated by Apple's signature: the JWS chain must lead to a trusted root and name the app " +
          "platform's bundle id (and, in Production, its Apple ID). Answers 200 once the notification is kept.",
        security: [],
        params: storeParams,
        // Apple's body is `{ signedPayload }`; fields it may add later are not an error.
        body: z.object({ signedPayload: z.string().min(1).max(200_000) }),
        response: { 200: intakeAnswer, ...problemResponses(400, 401, 404, 503) },
      },
    },
    async (request) => {
      const platform = await findStorePlatform(deps.db, request.params.appPlatformId, 'apple');
      if (!platform) {
        throw platformNotFound(request.params.appPlatformId, 'App Store');
      }

      const result = await takeAppleNotification(deps, gateways, request.log, {
        platform,
        signedPayload: request.body.signedPayload,
        body: JSON.stringify(request.body),
      });

      return answerStore(result);
    },
  );
}
