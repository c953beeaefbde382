import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { DatabaseHandle } from '@tollgate/db';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { TrustProxy } from '../config.js';
import type { Deps } from '../deps.js';
import type { StoreGateways } from '../intake/gateways.js';
import { answerCache } from '../placements/answer-cache.js';
import { placementResolver } from '../placements/resolve-placement.js';
import { authenticateOperatorOrApiKey } from './auth.js';
import { controlCenterDist, serveControlCenter } from './control-center.js';
import { forgetAnswersWritesChanged } from './forget-changed-answers.js';
import type { HttpApp } from './http-app.js';
import { handleError, Problem, sendProblem } from './problem.js';
import { operatorRoutes } from './routes/catalog.js';
import { eventSchemaRoutes } from './routes/events/event-schemas.js';
import { servePaywallImageRoute } from './routes/paywall-images/serve-paywall-image.js';
import { sdkRoutes } from './routes/sdk/index.js';
import { signInRoute } from './routes/session/sign-in.js';
import { signOutRoute } from './routes/session/sign-out.js';
import { appleNotificationsRoute } from './routes/stores/apple-notifications.js';
import { googleNotificationsRoute } from './routes/stores/google-notifications.js';
import { healthRoutes } from './routes/system/health.js';
import { authenticateSdkKey } from './sdk-auth.js';

export interface HttpServerOptions {
  deps: Deps;
  gateways: StoreGateways;
  database: DatabaseHandle;
  logger: FastifyBaseLogger;
  /** See Config.trustProxy; false by default. */
  trustProxy?: TrustProxy;
}

/** Request bodies are small JSON documents; anything bigger is a mistake or an attack. */
const BODY_LIMIT_BYTES = 256 * 1024;

export async function buildHttpServer(options: HttpServerOptions): Promise<HttpApp> {
  const { deps } = options;
  const http = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: () => randomUUID(),
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    trustProxy: options.trustProxy ?? false,
    loggerInstance: options.logger,
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: a text/plain body would otherwise reach validation as a string.
  http.removeContentTypeParser('text/plain');
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  http.setErrorHandler(handleError);
  // The Control Center at `/`; every other unknown path is a problem+json 404, as before.
  await serveControlCenter(http, controlCenterDist());

  let closing = false;
  http.addHook('preClose', async () => {
    closing = true;
  });
  // Hooks on every request take callbacks, not promises: on the SDK's hottest calls an
  // awaited hook costs more than the work it does.
  http.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (closing) {
      sendProblem(request, reply, new Problem(503, 'shutting_down', 'The server is shutting down: retry shortly'));
      return;
    }
    done();
  });
  // While shutting down, answered connections close instead of idling until keep-alive ends.
  http.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) {
      reply.header('connection', 'close');
    }
    done(null, payload);
  });

  // One per server: devices and the explain route read the same cached campaigns.
  const resolvePlacement = placementResolver({ db: deps.db, now: deps.now, publicUrl: deps.publicUrl });
  const answers = answerCache(resolvePlacement, { now: deps.now });
  http.addHook('onSend', forgetAnswersWritesChanged(answers));

  await http.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tollgate API',
        version: '1',
        description:
          'What every user of your app has paid for and may access. Errors are RFC 9457 problem documents; ' +
          'lists are keyset-paginated with `limit` and `cursor`.',
      },
      servers: [{ url: deps.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer tgk_…`' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'tollgate_session',
            description: 'Set by POST /api/v1/session',
          },
          sdkKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An app platform’s public SDK key, for the /sdk/v1 routes: `Authorization: Bearer tgp_…`',
          },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await http.register(fastifySwaggerUi, { routePrefix: '/docs' });

  http.get('/openapi.json', { schema: { hide: true } }, async () => http.swagger());
  healthRoutes(http, options.database);

  // Each group is its own encapsulated context: the authentication hook covers exactly its routes.
  // Cookies (the operators' sessions) only where operators are: devices never send any.
  await http.register(
    (api: HttpApp, _options, done) => {
      api.register(fastifyCookie);
      signInRoute(api, deps, { secureCookies: deps.publicUrl.startsWith('https://') });
      signOutRoute(api, deps);
      eventSchemaRoutes(api, deps.publicUrl);
      done();
    },
    { prefix: '/api/v1' },
  );
  await http.register(
    (sdk: HttpApp, _options, done) => {
      sdk.addHook('onRequest', authenticateSdkKey(deps));
      sdkRoutes(sdk, deps, options.gateways, answers);
      done();
    },
    { prefix: '/sdk/v1' },
  );
  // Authenticated by what each store sends (Apple's signature, Google's OIDC token), not by us.
  appleNotificationsRoute(http, deps, options.gateways);
  googleNotificationsRoute(http, deps, options.gateways);
  servePaywallImageRoute(http, deps);
  await http.register(
    (api: HttpApp, _options, done) => {
      api.register(fastifyCookie);
      api.addHook('onRequest', authenticateOperatorOrApiKey(deps));
      operatorRoutes(api, deps, options.gateways, resolvePlacement);
      done();
    },
    { prefix: '/api/v1' },
  );
  return http;
}
