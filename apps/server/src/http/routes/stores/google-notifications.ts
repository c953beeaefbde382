import type { Deps } from '../../../deps.js';
import type { StoreGateways } from '../../../intake/gateways.js';
import { pubSubPushSchema, takeGoogleNotification } from '../../../intake/google.js';
import { findStorePlatform } from '../../../queries/app-platforms.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { answerStore, intakeAnswer, platformNotFound, storeParams } from './intake-answer.js';

export function googleNotificationsRoute(http: HttpApp, deps: Deps, gateways: StoreGateways): void {
  http.post(
    '/stores/google/:appPlatformId/notifications',
    {
      schema: {
        operationId: 'receiveGoogleNotification',
        tags: ['Stores'],
        summary: 'Google Play real-time developer notifications: the push endpoint of the Pub/Sub subscription',
        description:
          "Authenticated by the push subscription's OIDC token (audience and service account configured on the " +
          'app platform). The state always comes from the Play Developer API. Answers 200 once the notification ' +
          'is kept and applied, 503 when Play could not be asked (Pub/Sub then retries).',
        security: [],
        params: storeParams,
        body: pubSubPushSchema,
        response: { 200: intakeAnswer, ...problemResponses(400, 401, 404, 503) },
      },
    },
    async (request) => {
      const platform = await findStorePlatform(deps.db, request.params.appPlatformId, 'google');
      if (!platform) {
        throw platformNotFound(request.params.appPlatformId, 'Google Play');
      }

      const result = await takeGoogleNotification(deps, gateways, request.log, {
        platform,
        authorization: request.headers.authorization,
        push: request.body,
        body: JSON.stringify(request.body),
      });

      return answerStore(result);
    },
  );
}
