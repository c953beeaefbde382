import { z } from 'zod';
import { batching } from '../../../batching.js';
import type { Deps } from '../../../deps.js';
import { endSession } from '../../../use-cases/end-session.js';
import { type SessionStart, startSessions } from '../../../use-cases/start-session.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { sdkCallerOf } from '../../sdk-auth.js';
import { clientId, deviceNotFound, deviceParams, deviceTime } from './sdk-schema.js';

export function startSessionRoute(http: HttpApp, deps: Deps): void {
  // Every app launch starts a session: starts that arrive while a write is under way go together
  // in the next one. One write at a time is also the fastest here: concurrent batches contend
  // on the same pages and rows more than they gain.
  const startSession = batching((starts: SessionStart[]) => startSessions(deps, starts), {
    maxSize: 100,
    maxRunning: 1,
  });
  http.post(
    '/devices/:deviceId/sessions',
    {
      schema: {
        operationId: 'startSession',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'An app session starts: device.session.start',
        params: deviceParams,
        body: z.strictObject({ session_id: clientId, started_at: deviceTime }),
        response: {
          201: z.object({ outcome: z.literal('started') }),
          200: z.object({ outcome: z.literal('already_started') }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const caller = sdkCallerOf(request);
      const { session_id, started_at } = request.body;

      const result = await startSession({
        caller,
        deviceId: request.params.deviceId,
        sessionId: session_id,
        startedAt: started_at ? new Date(started_at) : null,
      });

      switch (result.outcome) {
        case 'started':
          return reply.code(201).send({ outcome: 'started' as const });
        case 'already_started':
          return reply.code(200).send({ outcome: 'already_started' as const });
        case 'device_not_found':
          throw deviceNotFound(request.params.deviceId);
        case 'failed':
          throw result.error;
      }
    },
  );
}

export function endSessionRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/devices/:deviceId/sessions/:sessionId/end',
    {
      schema: {
        operationId: 'endSession',
        tags: ['SDK'],
        security: [{ sdkKey: [] }],
        summary: 'An app session ends: device.session.end',
        params: deviceParams.extend({ sessionId: clientId }),
        body: z.strictObject({ ended_at: deviceTime }),
        response: {
          200: z.object({ outcome: z.enum(['ended', 'already_ended']) }),
          ...problemResponses(400, 401, 404, 422),
        },
      },
    },
    async (request) => {
      const caller = sdkCallerOf(request);
      const { deviceId, sessionId } = request.params;

      const result = await endSession(deps, {
        caller,
        deviceId,
        sessionId,
        endedAt: request.body.ended_at ? new Date(request.body.ended_at) : null,
      });

      switch (result.outcome) {
        case 'ended':
        case 'already_ended':
          return { outcome: result.outcome };
        case 'session_not_found':
          throw new Problem(404, 'session_not_found', `The device has no session ${sessionId}`);
        case 'ends_before_start':
          throw new Problem(422, 'ends_before_start', 'The session cannot end before it started', [
            { location: 'body', field: 'ended_at', message: 'Earlier than the session’s start' },
          ]);
      }
    },
  );
}
