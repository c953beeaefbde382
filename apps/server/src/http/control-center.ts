import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from './http-app.js';
import { handleNotFound } from './problem.js';

/** Paths that belong to the API and the machines: an unknown one is a problem+json 404, never the app. */
const API_PREFIXES = ['/api', '/sdk', '/stores', '/docs', '/openapi.json', '/healthz', '/readyz'];

/** Hashed by Vite: a file under /assets never changes, so browsers may keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The app loads only its own scripts and styles, and no other site may frame it. */
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tollgate</title></head>
<body><main><h1>The Control Center is not built</h1>
<p>Build it with <code>npm run build</code> (or <code>npm run build --workspace @tollgate/control-center</code>)
and restart the server. The API works meanwhile: see <a href="/docs">/docs</a>.</p></main></body></html>
`;

/**
 * `apps/control-center/dist`, found from this file: the bundle runs from `apps/server/dist`, the
 * tests from `apps/server/src/http`. Null when no Control Center sits beside the server.
 */
export function controlCenterDist(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let directory = from; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'control-center', 'package.json'))) {
      return join(directory, 'control-center', 'dist');
    }
    if (dirname(directory) === directory) {
      return null;
    }
  }
}

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** A page of the app (`/apps/…/customers`): a GET for a path that is neither the API's nor a file's. */
function isAppPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '/';
  const lastSegment = path.split('/').at(-1) ?? '';
  return (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(path) && !lastSegment.includes('.');
}

/**
 * Serves the built Control Center at `/`, and its `index.html` for any other page of the app
 * (the app routes in the browser). Without a build, `/` says how to make one; the API is unchanged.
 */
export async function serveControlCenter(http: HttpApp, distDir: string | null): Promise<void> {
  const built = distDir !== null && existsSync(join(distDir, 'index.html'));
  if (built) {
    await http.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      index: false,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, path: string) => {
        if (path.endsWith('.html')) {
          reply.headers(PAGE_HEADERS);
        } else {
          reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : 'no-cache');
        }
      },
    });
  }
  const sendPage = (reply: FastifyReply) =>
    built
      ? reply.sendFile('index.html')
      : reply.headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);

  http.get('/', { schema: { hide: true } }, (_request, reply) => sendPage(reply));
  http.setNotFoundHandler((request, reply) => (isAppPage(request) ? sendPage(reply) : handleNotFound(request, reply)));
}
