import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { attemptLimiter } from '../../../security/attempt-limiter.js';
import { signIn } from '../../../use-cases/sign-in.js';
import { SESSION_COOKIE } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { timestamp } from '../../schemas.js';

/** Failed sign-ins allowed per window: per e-mail from one address, and per address. */
const SIGN_IN_WINDOW_MS = 15 * 60_000;
const FAILURES_PER_EMAIL = 10;
const FAILURES_PER_ADDRESS = 100;

export function signInRoute(http: HttpApp, deps: Deps, options: { secureCookies: boolean }): void {
  // Guessing passwords gets slow: a key's failures wait out the window. Per e-mail *and*
  // address, so that someone else cannot lock an operator out by failing with their e-mail.
  const limiter = (max: number) =>
    attemptLimiter({ max, windowMs: SIGN_IN_WINDOW_MS, maxKeys: 100_000, now: deps.now });
  const perEmail = limiter(FAILURES_PER_EMAIL);
  const perAddress = limiter(FAILURES_PER_ADDRESS);
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
          ...problemResponses(400, 401, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const emailKey = `${request.body.email.toLowerCase()} ${request.ip}`;
      const waitMs = Math.max(perEmail.waitMs(emailKey), perAddress.waitMs(request.ip));
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new Problem(429, 'too_many_attempts', `Too many failed sign-ins: try again in ${seconds} seconds`, [], {
          'retry-after': String(seconds),
        });
      }
      const result = await signIn(deps, request.body);

      if (result.outcome === 'invalid_credentials') {
        perEmail.failed(emailKey);
        perAddress.failed(request.ip);
        throw new Problem(401, 'invalid_credentials', 'The e-mail or password is wrong');
      }
      perEmail.succeeded(emailKey);
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
