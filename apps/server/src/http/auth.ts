import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { authenticateApiKey, authenticateSession, type Principal } from '../use-cases/authenticate.js';
import { Problem } from './problem.js';

export const SESSION_COOKIE = 'tollgate_session';

const principals = new WeakMap<FastifyRequest, Principal>();

function unauthenticated(detail: string): Problem {
  return new Problem(401, 'unauthenticated', detail, [], { 'www-authenticate': 'Bearer realm="tollgate"' });
}

/**
 * An onRequest hook for a route group: the caller must send an API key
 * (`Authorization: Bearer …`) or an operator's session cookie.
 */
export function authenticateOperatorOrApiKey(deps: Deps) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const token = /^Bearer +(\S+)$/i.exec(header)?.[1];
      if (token === undefined) {
        throw unauthenticated('The Authorization header must read "Bearer <API key>"');
      }
      const principal = await authenticateApiKey(deps, token);
      if (!principal) {
        throw unauthenticated('The API key is not valid, or it has been revoked');
      }
      principals.set(request, principal);
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (sessionToken === undefined) {
      throw unauthenticated('Sign in, or send an API key as "Authorization: Bearer <key>"');
    }
    const principal = await authenticateSession(deps, sessionToken);
    if (!principal) {
      throw unauthenticated('The session has ended: sign in again');
    }
    principals.set(request, principal);
  };
}

/** The caller of a request that went through the authentication hook. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (!principal) {
    throw new Error(`${request.method} ${request.url} reached a handler without authentication`);
  }
  return principal;
}
