import { resolve } from 'node:path';
import type { ConnectOptions } from '@tollgate/db';
import type { Destinations } from '@tollgate/integrations';

export interface Config {
  host: string;
  port: number;
  database: ConnectOptions;
  /** Where the embedded database and local secrets live. */
  dataDir: string;
  /** The address users reach Tollgate at, used in what it prints and in cookies. */
  publicUrl: string;
  /** Which proxies' X-Forwarded-For to believe for the client's address (Fastify's trustProxy). */
  trustProxy: TrustProxy;
  logLevel: string;
  /** TOLLGATE_SECRET_KEY; unset: a key file in the data directory. */
  secretKey: string | undefined;
  stores: StoreConfig;
  delivery: DeliveryConfig;
}

/** How the worker sends events to integrations. */
export interface DeliveryConfig {
  /** How long a claimed delivery is its worker's; after a crash, how long until it is sent again. */
  leaseMs: number;
  /** How long a vendor has to answer one request. */
  timeoutMs: number;
  /** TOLLGATE_PRIVATE_DESTINATIONS=allow: integrations may send to private networks too. */
  destinations: Destinations;
}

/** Where the stores' services are, and whom to trust; the defaults are the real ones. */
export interface StoreConfig {
  /** Roots trusted for Apple's signatures besides Apple Root CA - G3 (PEM or DER files). */
  appleExtraRootFiles: string[];
  /** Google's OIDC signing certificates, for Pub/Sub push tokens. */
  googleOidcCertsUrl: string | undefined;
  /** The Play Developer API. */
  googlePlayApiUrl: string | undefined;
  /** A fixed Play API access token instead of each platform's service account (a fake of the API). */
  googlePlayAccessToken: string | undefined;
  googlePlayTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Only the public internet, unless the operator allows private networks (an internal webhook receiver). */
function destinationsFrom(env: NodeJS.ProcessEnv): Destinations {
  const value = env.TOLLGATE_PRIVATE_DESTINATIONS ?? 'refuse';
  if (value !== 'allow' && value !== 'refuse') {
    throw new ConfigError(`TOLLGATE_PRIVATE_DESTINATIONS must be allow or refuse, not "${value}"`);
  }
  return value === 'allow' ? 'any' : 'public';
}

/** Reads the configuration from the environment; every setting has a working default. */
export function configFromEnv(env: NodeJS.ProcessEnv, cwd: string): Config {
  const port = env.PORT === undefined ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const host = env.HOST ?? 'localhost';
  const dataDir = resolve(cwd, env.TOLLGATE_DATA_DIR ?? 'data');
  const url = env.DATABASE_URL;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const poolSize = env.DATABASE_POOL_SIZE === undefined ? 10 : Number(env.DATABASE_POOL_SIZE);
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new ConfigError(`DATABASE_POOL_SIZE must be a whole number above 0, not "${env.DATABASE_POOL_SIZE}"`);
  }
  const leaseSeconds =
    env.TOLLGATE_DELIVERY_LEASE_SECONDS === undefined ? 600 : Number(env.TOLLGATE_DELIVERY_LEASE_SECONDS);
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1) {
    throw new ConfigError(
      `TOLLGATE_DELIVERY_LEASE_SECONDS must be a whole number above 0, not "${env.TOLLGATE_DELIVERY_LEASE_SECONDS}"`,
    );
  }
  return {
    host,
    port,
    dataDir,
    database: url ? { driver: 'postgres', url, poolSize } : { driver: 'pglite', dataDir },
    publicUrl: (env.TOLLGATE_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    trustProxy: trustProxyFrom(env.TOLLGATE_TRUST_PROXY),
    logLevel: env.LOG_LEVEL ?? 'info',
    secretKey: env.TOLLGATE_SECRET_KEY,
    stores: {
      appleExtraRootFiles: (env.TOLLGATE_APPLE_ROOT_CERTS ?? '')
        .split(',')
        .map((file) => file.trim())
        .filter(Boolean)
        .map((file) => resolve(cwd, file)),
      googleOidcCertsUrl: env.TOLLGATE_GOOGLE_OIDC_CERTS_URL,
      googlePlayApiUrl: env.TOLLGATE_GOOGLE_PLAY_API_URL,
      googlePlayAccessToken: env.TOLLGATE_GOOGLE_PLAY_ACCESS_TOKEN,
      googlePlayTimeoutMs: 8000,
    },
    delivery: { leaseMs: leaseSeconds * 1000, timeoutMs: 15_000, destinations: destinationsFrom(env) },
  };
}

/** false: the socket's address is the client's; true: believe any proxy; else the proxies' addresses. */
export type TrustProxy = boolean | string;

/**
 * TOLLGATE_TRUST_PROXY: unset (no proxy), `true` (believe whoever connects: only when nothing
 * else can reach Tollgate), or the proxies' addresses and CIDR ranges, comma-separated. Behind
 * a proxy, without it, every client would seem to come from the proxy.
 */
function trustProxyFrom(value: string | undefined): TrustProxy {
  if (value === undefined || value === '' || value === 'false') {
    return false;
  }
  if (value === 'true') {
    return true;
  }
  const addresses = value.split(',').map((address) => address.trim());
  if (addresses.some((address) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(address))) {
    throw new ConfigError(`TOLLGATE_TRUST_PROXY must be true, or addresses and CIDR ranges, not "${value}"`);
  }
  return addresses.join(',');
}
