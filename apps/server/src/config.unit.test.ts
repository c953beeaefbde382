import { describe, expect, test } from 'vitest';
import { ConfigError, configFromEnv } from './config.js';

describe('configFromEnv', () => {
  test('with nothing set: port 8080 on localhost, the embedded database in ./data', () => {
    const config = configFromEnv({}, '/srv/tollgate');

    expect(config).toEqual({
      host: 'localhost',
      port: 8080,
      dataDir: '/srv/tollgate/data',
      database: { driver: 'pglite', dataDir: '/srv/tollgate/data' },
      publicUrl: 'http://localhost:8080',
      trustProxy: false,
      logLevel: 'info',
      secretKey: undefined,
      stores: {
        appleExtraRootFiles: [],
        googleOidcCertsUrl: undefined,
        googlePlayApiUrl: undefined,
        googlePlayAccessToken: undefined,
        googlePlayTimeoutMs: 8000,
      },
      delivery: { leaseMs: 600_000, timeoutMs: 15_000, destinations: 'public' },
    });
  });

  test('TOLLGATE_DELIVERY_LEASE_SECONDS sets how long a claimed delivery is its worker’s', () => {
    expect(configFromEnv({ TOLLGATE_DELIVERY_LEASE_SECONDS: '5' }, '/').delivery.leaseMs).toBe(5000);
    expect(() => configFromEnv({ TOLLGATE_DELIVERY_LEASE_SECONDS: '0' }, '/')).toThrow(
      /TOLLGATE_DELIVERY_LEASE_SECONDS must be a whole number above 0, not "0"/,
    );
  });

  test('TOLLGATE_PRIVATE_DESTINATIONS=allow lets integrations send to private networks; refuse is the default', () => {
    expect(configFromEnv({ TOLLGATE_PRIVATE_DESTINATIONS: 'allow' }, '/').delivery.destinations).toBe('any');
    expect(configFromEnv({ TOLLGATE_PRIVATE_DESTINATIONS: 'refuse' }, '/').delivery.destinations).toBe('public');
    expect(() => configFromEnv({ TOLLGATE_PRIVATE_DESTINATIONS: 'yes' }, '/')).toThrow(
      /TOLLGATE_PRIVATE_DESTINATIONS must be allow or refuse, not "yes"/,
    );
  });

  test('TOLLGATE_TRUST_PROXY believes any proxy, or only the addresses and ranges given', () => {
    const trust = (value: string) => configFromEnv({ TOLLGATE_TRUST_PROXY: value }, '/').trustProxy;

    expect([trust('true'), trust('false'), trust('10.0.0.0/8, 127.0.0.1,::1')]).toEqual([
      true,
      false,
      '10.0.0.0/8,127.0.0.1,::1',
    ]);
    expect(() => trust('yes please')).toThrow(
      /TOLLGATE_TRUST_PROXY must be true, or addresses and CIDR ranges, not "yes please"/,
    );
  });

  test('DATABASE_URL switches to PostgreSQL with the chosen pool size', () => {
    const config = configFromEnv({ DATABASE_URL: 'postgres://u:p@db:5432/t', DATABASE_POOL_SIZE: '25' }, '/');

    expect(config.database).toEqual({ driver: 'postgres', url: 'postgres://u:p@db:5432/t', poolSize: 25 });
  });

  test('PORT and a relative TOLLGATE_DATA_DIR are honoured; the public URL drops its trailing slash', () => {
    const config = configFromEnv(
      { PORT: '9000', TOLLGATE_DATA_DIR: 'var/db', TOLLGATE_PUBLIC_URL: 'https://pay.example.com/' },
      '/srv',
    );

    expect(config.port).toBe(9000);
    expect(config.dataDir).toBe('/srv/var/db');
    expect(config.publicUrl).toBe('https://pay.example.com');
  });

  test('extra Apple roots are files relative to the working directory', () => {
    const config = configFromEnv({ TOLLGATE_APPLE_ROOT_CERTS: 'certs/test-root.pem, /etc/roots/other.der' }, '/srv');

    expect(config.stores.appleExtraRootFiles).toEqual(['/srv/certs/test-root.pem', '/etc/roots/other.der']);
  });

  test.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/t' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
  ])('refuses a bad %s with a message naming it', (name, env) => {
    expect(() => configFromEnv(env, '/')).toThrow(ConfigError);
    expect(() => configFromEnv(env, '/')).toThrow(name);
  });
});
