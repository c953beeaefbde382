import type { IdChoice } from '@tollgate/integrations';

/**
 * How each kind of integration is kept: `settings` (a jsonb column, shown by the API) and
 * `secrets` (a JSON object sealed into `secrets_sealed`, never shown). The API's schemas and
 * the worker both read and write these shapes, and nothing else.
 */
export interface StoredIntegration {
  amplitude: {
    settings: { endpoint: string; user_id: IdChoice };
    secrets: { api_key: string; secret_key: string | null };
  };
  mparticle: {
    /** `all_platforms` is the legacy mode: one feed for the app and all its platforms. */
    settings: { base_url: string; customer_id: IdChoice; mode: 'selected_platform' | 'all_platforms' };
    secrets: { key: string; secret: string };
  };
  webhook: {
    settings: { url: string };
    secrets: {
      signing_secret: string;
      authorization: string | null;
      /** Kept after a rotation until `previous_signing_secret_until`: requests carry both signatures. */
      previous_signing_secret?: string;
      previous_signing_secret_until?: string;
    };
  };
}

export type IntegrationKind = keyof StoredIntegration;

/** The associated data the secrets of an integration are sealed with: they open on that row only. */
export function secretsContext(integrationId: string): string {
  return `integrations.secrets_sealed:${integrationId}`;
}

/** What the API shows of a secret: enough to tell which one is set, never enough to use it. */
export function secretHint(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : '••••';
}
