import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { SdkCaller } from '../use-cases/sdk-caller.js';
import { Problem } from './problem.js';

const callers = new WeakMap<FastifyRequest, SdkCaller>();

/**
 * SDK keys are looked up on every call from every device: a key found is remembered for a
 * while, so a deleted platform's key keeps working for up to this long in a running process.
 */
const KEY_MEMORY_MS = 30_000;

function unauthenticated(detail: string): Problem {
  return new Problem(401, 'unauthenticated', detail, [], { 'www-authenticate': 'Bearer realm="tollgate-sdk"' });
}

/**
 * An onRequest hook for the SDK routes: `Authorization: Bearer <an app platform's SDK key>`.
 * A callback rather than a promise: a remembered key, the usual case, then costs no tick.
 */
export function authenticateSdkKey(deps: Deps) {
  const known = new Map<string, { caller: SdkCaller; until: number }>();
  const lookUp = async (request: FastifyRequest, key: string, now: number): Promise<void> => {
    const caller = await deps.db
      .selectFrom('app_platforms')
      .select(['app_id', 'id', 'store', 'name', 'marketplace_app_id'])
      .where('sdk_key', '=', key)
      .executeTakeFirst();
    if (!caller) {
      known.delete(key);
      throw unauthenticated('The SDK key is not one of an app platform');
    }
    known.set(key, { caller, until: now + KEY_MEMORY_MS });
    callers.set(request, caller);
  };
  return function authenticate(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
    const key = /^Bearer +(tgp_\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (key === undefined) {
      done(unauthenticated('Send the app platform’s SDK key as "Authorization: Bearer tgp_…"'));
      return;
    }
    const now = Date.now();
    const remembered = known.get(key);
    if (remembered && remembered.until > now) {
      callers.set(request, remembered.caller);
      done();
      return;
    }
    lookUp(request, key, now).then(() => done(), done);
  };
}

/** The app platform whose key authenticated the request, if one did. */
export function knownSdkCaller(request: FastifyRequest): SdkCaller | undefined {
  return callers.get(request);
}

export function sdkCallerOf(request: FastifyRequest): SdkCaller {
  const caller = callers.get(request);
  if (!caller) {
    throw new Error(`${request.method} ${request.url} reached an SDK handler without an SDK key`);
  }
  return caller;
}
