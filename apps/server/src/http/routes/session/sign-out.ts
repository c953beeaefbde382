import type { Deps } from '../../../deps.js';
import { signOut } from '../../../use-cases/sign-out.js';
import { SESSION_COOKIE } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { noContent } from '../../schemas.js';

export function signOutRoute(http: HttpApp, deps: Deps): void {
  http.delete(
    '/session',
    {
      schema: {
        operationId: 'signOut',
        tags: ['Session'],
        summary: 'Sign out: ends the session and clears its cookie (harmless without one)',
        security: [],
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const sessionToken = request.cookies[SESSION_COOKIE];

      if (sessionToken !== undefined) {
        await signOut(deps, { sessionToken });
      }

      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send();
    },
  );
}
