import type { Database } from '@tollgate/db';
import type { AmplitudeSettings, MparticleSettings, WebhookSettings } from '@tollgate/integrations';
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.js';
import { type StoredIntegration, secretsContext } from '../integrations/stored.js';

/** An integration as the sender needs it: its settings with the secrets opened. */
export type SendableIntegration =
  | { kind: 'amplitude'; appId: string; id: string; settings: AmplitudeSettings }
  | { kind: 'mparticle'; appId: string; id: string; settings: MparticleSettings }
  | { kind: 'webhook'; appId: string; id: string; settings: WebhookSettings };

export async function sendableIntegration(
  deps: Pick<Deps, 'secrets' | 'now'> & { db: Kysely<Database> },
  appId: string,
  integrationId: string,
): Promise<SendableIntegration | undefined> {
  const row = await deps.db
    .selectFrom('integrations')
    .leftJoin('app_platforms', (join) =>
      join
        .onRef('app_platforms.app_id', '=', 'integrations.app_id')
        .onRef('app_platforms.id', '=', 'integrations.app_platform_id'),
    )
    .select([
      'integrations.kind',
      'integrations.settings',
      'integrations.secrets_sealed',
      'app_platforms.store as feed_store',
    ])
    .where('integrations.app_id', '=', appId)
    .where('integrations.id', '=', integrationId)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const secrets: unknown = JSON.parse(deps.secrets.open(row.secrets_sealed, secretsContext(integrationId)));
  const base = { appId, id: integrationId };
  switch (row.kind) {
    case 'amplitude': {
      const settings = row.settings as StoredIntegration['amplitude']['settings'];
      const { api_key } = secrets as StoredIntegration['amplitude']['secrets'];
      return {
        ...base,
        kind: 'amplitude',
        settings: { integrationId, endpoint: settings.endpoint, apiKey: api_key, userId: settings.user_id },
      };
    }
    case 'mparticle': {
      const settings = row.settings as StoredIntegration['mparticle']['settings'];
      const { key, secret } = secrets as StoredIntegration['mparticle']['secrets'];
      return {
        ...base,
        kind: 'mparticle',
        settings: {
          integrationId,
          baseUrl: settings.base_url,
          key,
          secret,
          customerId: settings.customer_id,
          store: row.feed_store ?? null,
        },
      };
    }
    case 'webhook': {
      const settings = row.settings as StoredIntegration['webhook']['settings'];
      const stored = secrets as StoredIntegration['webhook']['secrets'];
      const previousValid =
        stored.previous_signing_secret_until !== undefined &&
        new Date(stored.previous_signing_secret_until) > deps.now();
      return {
        ...base,
        kind: 'webhook',
        settings: {
          integrationId,
          url: settings.url,
          authorization: stored.authorization,
          signingSecret: stored.signing_secret,
          previousSigningSecret: previousValid ? (stored.previous_signing_secret ?? null) : null,
        },
      };
    }
  }
}
