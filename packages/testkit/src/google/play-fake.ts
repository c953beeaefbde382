import { createServer, type IncomingMessage } from 'node:http';
import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import { createPushIdentity, type PushAuthorizationOptions } from './oidc.js';

/** The only bearer the fake's Play Developer API accepts: set it on a static-token OAuth2Client. */
export const PLAY_FAKE_ACCESS_TOKEN = 'ya29.tollgate-play-fake-access-token';

export interface PlayFakeRequest {
  method: string;
  url: string;
  authorization: string | undefined;
}

export interface PlayFake {
  /** `http://127.0.0.1:<port>`; give the client `rootUrl: \`${url}/\`` and OAuth2Client the certs URL under it. */
  readonly url: string;
  readonly accessToken: string;
  /** purchases.subscriptionsv2.get, by purchase token. Unknown → 410 GONE (as for long-expired tokens). */
  readonly subscriptions: Map<string, androidpublisher_v3.Schema$SubscriptionPurchaseV2>;
  /** purchases.products.get, by `${productId}:${token}`. Unknown → 404 NOT_FOUND. */
  readonly products: Map<string, androidpublisher_v3.Schema$ProductPurchase>;
  /**
   * orders.get, by order id. Unknown → 404 NOT_FOUND. Acknowledging a subscription or product
   * moves its acknowledgementState here; a second acknowledgement is a 400, as on Play.
   */
  readonly orders: Map<string, androidpublisher_v3.Schema$Order>;
  /**
   * Every API request received, in order. Cert fetches are left out: in reality they go to
   * another host, and a verifier's caching would otherwise leak into assertions.
   */
  readonly requests: PlayFakeRequest[];
  /** Answers the next `count` API requests with `status` and a Google error body, or never answers them. */
  failNext(count: number, status: number, options?: { hang?: boolean }): void;
  /** `Bearer <ID token>` as Pub/Sub sends it, verifiable against this fake's /oauth2/v1/certs. */
  pushAuthorization(options: PushAuthorizationOptions): string;
  close(): Promise<void>;
}

const API = '/androidpublisher/v3/applications/(?<packageName>[^/]+)';
const SUBSCRIPTION = new RegExp(`^${API}/purchases/subscriptionsv2/tokens/(?<token>[^/]+)$`);
const PRODUCT = new RegExp(`^${API}/purchases/products/(?<productId>[^/]+)/tokens/(?<token>[^/]+)$`);
const ORDER = new RegExp(`^${API}/orders/(?<orderId>[^/:]+)$`);
const ACKNOWLEDGE_SUBSCRIPTION = new RegExp(
  `^${API}/purchases/subscriptions/(?<subscriptionId>[^/]+)/tokens/(?<token>[^/:]+):acknowledge$`,
);
const ACKNOWLEDGE_PRODUCT = new RegExp(
  `^${API}/purchases/products/(?<productId>[^/]+)/tokens/(?<token>[^/:]+):acknowledge$`,
);

type Reply = { status: number; body: unknown; headers?: Record<string, string> } | 'hang';

const CACHE_AN_HOUR = { 'cache-control': 'public, max-age=3600' };

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  410: 'GONE',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * A fake of the Google Play Developer API (the paths @googleapis/androidpublisher v3 calls) and of
 * Google's OIDC cert endpoints, on a real socket, scripted through its maps.
 */
export async function startPlayFake(): Promise<PlayFake> {
  const identity = await createPushIdentity();
  const subscriptions = new Map<string, androidpublisher_v3.Schema$SubscriptionPurchaseV2>();
  const products = new Map<string, androidpublisher_v3.Schema$ProductPurchase>();
  const orders = new Map<string, androidpublisher_v3.Schema$Order>();
  const requests: PlayFakeRequest[] = [];
  const failures: Array<{ status: number; hang: boolean }> = [];

  function reply(request: IncomingMessage): Reply {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method === 'GET' && path === '/oauth2/v1/certs') {
      return { status: 200, body: identity.pemCerts, headers: CACHE_AN_HOUR };
    }
    if (request.method === 'GET' && path === '/oauth2/v3/certs') {
      return { status: 200, body: identity.jwks, headers: CACHE_AN_HOUR };
    }
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
    });

    const failure = failures.shift();
    if (failure?.hang) {
      return 'hang';
    }
    if (failure) {
      return googleError(failure.status, 'Injected failure (PlayFake.failNext).');
    }
    if (request.headers.authorization !== `Bearer ${PLAY_FAKE_ACCESS_TOKEN}`) {
      return googleError(401, 'Request had invalid authentication credentials.');
    }
    if (request.method === 'POST') {
      return acknowledge(path);
    }
    if (request.method !== 'GET') {
      return googleError(404, `No fake for ${request.method} ${path}.`);
    }
    const subscription = param(SUBSCRIPTION, path, 'token');
    if (subscription !== undefined) {
      const found = subscriptions.get(subscription);
      return found ? ok(found) : googleError(410, 'The subscription purchase is no longer available for query.');
    }
    const productId = param(PRODUCT, path, 'productId');
    const productToken = param(PRODUCT, path, 'token');
    if (productId !== undefined && productToken !== undefined) {
      const found = products.get(`${productId}:${productToken}`);
      return found ? ok(found) : googleError(404, 'The purchase token was not found.');
    }
    const orderId = param(ORDER, path, 'orderId');
    if (orderId !== undefined) {
      const found = orders.get(orderId);
      return found ? ok(found) : googleError(404, 'The order was not found.');
    }
    return googleError(404, `No fake for ${request.method} ${path}.`);
  }

  /** purchases.subscriptions.acknowledge and purchases.products.acknowledge: once each, as Play allows. */
  function acknowledge(path: string): Reply {
    const subscriptionToken = param(ACKNOWLEDGE_SUBSCRIPTION, path, 'token');
    if (subscriptionToken !== undefined) {
      const found = subscriptions.get(subscriptionToken);
      const productId = param(ACKNOWLEDGE_SUBSCRIPTION, path, 'subscriptionId');
      if (!found?.lineItems?.some((item) => item.productId === productId)) {
        return googleError(404, 'The purchase token was not found.');
      }
      if (found.acknowledgementState !== 'ACKNOWLEDGEMENT_STATE_PENDING') {
        return googleError(400, 'The subscription purchase is not in a valid state to perform the desired operation.');
      }
      found.acknowledgementState = 'ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED';
      return ok('');
    }
    const productId = param(ACKNOWLEDGE_PRODUCT, path, 'productId');
    const productToken = param(ACKNOWLEDGE_PRODUCT, path, 'token');
    if (productId !== undefined && productToken !== undefined) {
      const found = products.get(`${productId}:${productToken}`);
      if (!found) {
        return googleError(404, 'The purchase token was not found.');
      }
      if (found.acknowledgementState !== 0 || found.purchaseState !== 0) {
        return googleError(400, 'The product purchase is not in a valid state to perform the desired operation.');
      }
      found.acknowledgementState = 1;
      return ok('');
    }
    return googleError(404, `No fake for POST ${path}.`);
  }

  const server = createServer((request, response) => {
    const answer = reply(request);
    // A hanging request stays open until the client gives up or close() drops it.
    if (answer !== 'hang') {
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
      // Play answers an acknowledgement with an empty body.
      response.end(answer.body === '' ? '' : JSON.stringify(answer.body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('the Play fake is not listening on TCP');
  }

  return {
    url: `http://127.0.0.1:${address.port}`,
    accessToken: PLAY_FAKE_ACCESS_TOKEN,
    subscriptions,
    products,
    orders,
    requests,
    failNext(count, status, options = {}) {
      for (let i = 0; i < count; i++) {
        failures.push({ status, hang: options.hang ?? false });
      }
    },
    pushAuthorization: (options) => identity.pushAuthorization(options),
    close() {
      // Hanging requests would keep close() waiting forever.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function param(pattern: RegExp, path: string, name: string): string | undefined {
  const value = pattern.exec(path)?.groups?.[name];
  return value === undefined ? undefined : decodeURIComponent(value);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function googleError(code: number, message: string): Reply {
  return { status: code, body: { error: { code, status: GOOGLE_STATUS[code] ?? 'UNKNOWN', message } } };
}
