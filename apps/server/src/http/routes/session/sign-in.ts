import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { signIn } from '../../../use-cases/sign-in.js';
import { SESSION_COOKIE } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { timestamp } from '../../schemas.js';

export function signInRoute(http: HttpApp, deps: Deps, options: { secureCookies: boolean }): void {
  http.post(
    '/session',
    {
      schema: {
        operationId: 'signIn',
        tags: ['Session'],
        summary: 'Sign in as an operator: sets the session cookie',
        security: [],
        body: z.strictObject({ email: z.email().max(320), password: z.string().min(1).max(1024) }),
        response: {
          201: z.object({ operator_id: z.uuid(), org_id: z.uuid(), expires_at: timestamp }),
          ...problemResponses(400, 401, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const result = await signIn(deps, request.body);

      if (result.outcome === 'invalid_credentials') {
        throw new Problem(401, 'invalid_credentials', 'The e-mail or password is wrong');
      }
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        path: '/',
        expires: result.expiresAt,
      });
      return reply.code(201).send({
        operator_id: result.operatorId,
        org_id: result.orgId,
        expires_at: result.expiresAt.toISOString(),
      });
    },
  );
}
