import type { TestServer } from '../../../testing/test-server.js';

/** Test helpers for the integrations API: valid bodies with recognisable secrets, and the stored rows. */

export const integrationsUrl = (appId: string) => `/api/v1/apps/${appId}/integrations`;
export const integrationUrl = (appId: string, integrationId: string) => `${integrationsUrl(appId)}/${integrationId}`;

/** Secrets long enough to have a hint; each test that cares reads them back from the body it sent. */
export const SECRETS = {
  apiKey: 'amp-api-key-0123456789abcdef',
  secretKey: 'amp-secret-key-fedcba9876543210',
  feedKey: 'us1-feed-key-00112233445566',
  feedSecret: 'feed-secret-aabbccddeeff7788',
  authorization: 'Bearer receiver-token-1234567890',
} as const;

export const amplitudeBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'amplitude',
  name: 'Amplitude',
  api_key: SECRETS.apiKey,
  secret_key: SECRETS.secretKey,
  ...overrides,
});

export const feedBody = (appPlatformId: string | null, overrides: Record<string, unknown> = {}) => ({
  kind: 'mparticle',
  name: 'mParticle feed',
  ...(appPlatformId === null
    ? { mode: 'all_platforms' }
    : { mode: 'selected_platform', app_platform_id: appPlatformId }),
  key: SECRETS.feedKey,
  secret: SECRETS.feedSecret,
  ...overrides,
});

export const webhookBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'webhook',
  name: 'Our backend',
  url: 'https://hooks.example.com/tollgate',
  authorization: SECRETS.authorization,
  ...overrides,
});

/** The integration's row as stored, sealed secrets and all. */
export function storedIntegration(server: TestServer, integrationId: string) {
  return server.database.db
    .selectFrom('integrations')
    .selectAll()
    .where('id', '=', integrationId)
    .executeTakeFirstOrThrow();
}
