import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AnswerCache } from '../placements/answer-cache.js';
import { knownSdkCaller } from './sdk-auth.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * An onSend hook: after a write through this server, and before its caller hears of it, the
 * paywall answers it may have changed are forgotten, to be read again. What changed is told by
 * the route: a device (the SDK's calls), an app (the operators' calls), or, for a store's
 * notification, any app.
 */
export function forgetAnswersWritesChanged(answers: AnswerCache) {
  return function forgetChangedAnswers<Payload>(
    request: FastifyRequest,
    _reply: FastifyReply,
    payload: Payload,
    done: (error: null, payload: Payload) => void,
  ): void {
    if (!READS.has(request.method)) {
      forget(answers, request);
    }
    done(null, payload);
  };
}

function forget(answers: AnswerCache, request: FastifyRequest): void {
  const route = request.routeOptions.url ?? '';
  const params = request.params as { appId?: string; deviceId?: string };
  if (route.startsWith('/stores/')) {
    answers.forgetEverything();
  } else if (route.startsWith('/api/v1/apps/') && params.appId !== undefined) {
    answers.forgetApp(params.appId);
  } else if (route.startsWith('/sdk/v1/') && params.deviceId !== undefined) {
    const caller = knownSdkCaller(request);
    if (caller) {
      answers.forgetDevice(caller.app_id, params.deviceId);
    }
  }
}
