import { androidpublisher_v3 } from '@googleapis/androidpublisher';
import { GoogleAuth, OAuth2Client } from 'google-auth-library';

export type PlayAnswer<T> =
  | { outcome: 'found'; value: T }
  /** 410: the token expired too long ago (60 days) for Play to say anything of it. */
  | { outcome: 'gone' }
  | { outcome: 'not_found' }
  /** 401/403: the credentials are wrong or lack access: the operator must fix them. */
  | { outcome: 'unauthorized'; reason: string }
  /** 429, 5xx, a timeout, a refused connection: worth trying again later. */
  | { outcome: 'unavailable'; reason: string };

export type PlayAcknowledgement =
  | { outcome: 'acknowledged' }
  /** 400: Play will not (already acknowledged, consumed, or not in a state to be): nothing more to do. */
  | { outcome: 'refused'; reason: string }
  | Exclude<PlayAnswer<never>, { outcome: 'found' }>;

/** A purchase to acknowledge: a subscription by its SKU (its subscriptionId) or a one-time product. */
interface PurchaseToAcknowledge {
  type: 'subscription' | 'one_time';
  productId: string;
  token: string;
}

/** The three reads Tollgate makes of the Play Developer API, and the acknowledgement it sends. */
export interface PlayApi {
  subscription(
    packageName: string,
    token: string,
  ): Promise<PlayAnswer<androidpublisher_v3.Schema$SubscriptionPurchaseV2>>;
  product(
    packageName: string,
    productId: string,
    token: string,
  ): Promise<PlayAnswer<androidpublisher_v3.Schema$ProductPurchase>>;
  order(packageName: string, orderId: string): Promise<PlayAnswer<androidpublisher_v3.Schema$Order>>;
  acknowledge(packageName: string, purchase: PurchaseToAcknowledge): Promise<PlayAcknowledgement>;
}

export type PlayCredentials =
  /** A service account's JSON key file, as Google Cloud issues it. */
  | { kind: 'service_account'; key: string }
  /** A fixed access token: for pointing Tollgate at a fake of the API in development and tests. */
  | { kind: 'access_token'; token: string };

export interface PlayApiOptions {
  credentials: PlayCredentials;
  /** The API's base URL (tests point it at a fake); Google's own by default. */
  rootUrl?: string | undefined;
  timeoutMs: number;
}

/** The Play Developer API through Google's own client; its retries are off: the caller decides. */
export function playApi(options: PlayApiOptions): PlayApi {
  const auth =
    options.credentials.kind === 'service_account'
      ? new GoogleAuth({
          credentials: JSON.parse(options.credentials.key),
          scopes: ['https://www.googleapis.com/auth/androidpublisher'],
        })
      : staticToken(options.credentials.token);
  const client = new androidpublisher_v3.Androidpublisher({
    auth,
    retry: false,
    timeout: options.timeoutMs,
    ...(options.rootUrl ? { rootUrl: options.rootUrl.endsWith('/') ? options.rootUrl : `${options.rootUrl}/` } : {}),
  });
  return {
    subscription: (packageName, token) => answer(() => client.purchases.subscriptionsv2.get({ packageName, token })),
    product: (packageName, productId, token) =>
      answer(() => client.purchases.products.get({ packageName, productId, token })),
    order: (packageName, orderId) => answer(() => client.orders.get({ packageName, orderId })),
    acknowledge: (packageName, { type, productId, token }) =>
      acknowledgement(() =>
        type === 'subscription'
          ? client.purchases.subscriptions.acknowledge({ packageName, subscriptionId: productId, token })
          : client.purchases.products.acknowledge({ packageName, productId, token }),
      ),
  };
}

function staticToken(token: string): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token });
  return client;
}

async function answer<T>(call: () => Promise<{ data: T }>): Promise<PlayAnswer<T>> {
  try {
    return { outcome: 'found', value: (await call()).data };
  } catch (error) {
    return failure(error);
  }
}

async function acknowledgement(call: () => Promise<unknown>): Promise<PlayAcknowledgement> {
  try {
    await call();
    return { outcome: 'acknowledged' };
  } catch (error) {
    return statusOf(error) === 400 ? { outcome: 'refused', reason: messageOf(error) } : failure(error);
  }
}

function failure(error: unknown): Exclude<PlayAnswer<never>, { outcome: 'found' }> {
  const status = statusOf(error);
  const message = messageOf(error);
  switch (status) {
    case 410:
      return { outcome: 'gone' };
    case 404:
      return { outcome: 'not_found' };
    case 401:
    case 403:
      return { outcome: 'unauthorized', reason: message };
    default:
      return { outcome: 'unavailable', reason: typeof status === 'number' ? `HTTP ${status}: ${message}` : message };
  }
}

/** GaxiosError's status: matched on its fields, as two copies of gaxios live in the tree. */
function statusOf(error: unknown): unknown {
  return (error as { status?: unknown }).status;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
