import type { Deps } from '../deps.js';
import { type IntegrationKind, type StoredIntegration, secretsContext } from '../integrations/stored.js';
import { findApp } from '../queries/apps.js';
import type { Integration } from '../queries/integrations.js';
import { inCatalogueOrder, integrationConflict, secretColumns } from './create-integration.js';

interface CommonChanges {
  name?: string | undefined;
  enabled?: boolean | undefined;
  event_types?: readonly string[] | undefined;
}

type Changes<K extends IntegrationKind> = { kind: K } & CommonChanges & {
    [Field in keyof (StoredIntegration[K]['settings'] & StoredIntegration[K]['secrets'])]?:
      | (StoredIntegration[K]['settings'] & StoredIntegration[K]['secrets'])[Field]
      | undefined;
  };

/**
 * The fields to change, of the integration's own kind (which cannot change). A secret given
 * replaces the stored one; one left out is kept. A webhook's signing secret is the server's.
 */
type IntegrationChanges =
  | Changes<'amplitude'>
  | (Changes<'mparticle'> & { app_platform_id?: string | undefined })
  | Omit<Changes<'webhook'>, 'signing_secret'>;

export interface UpdateIntegrationInput {
  orgId: string;
  appId: string;
  integrationId: string;
  changes: IntegrationChanges;
}

export type UpdateIntegrationResult =
  | { outcome: 'updated'; integration: Integration }
  | { outcome: 'app_not_found' }
  | { outcome: 'integration_not_found' }
  /** A feed for a selected platform must name it: one moved out of the legacy mode did not. */
  | { outcome: 'app_platform_required' }
  /** The legacy all-platforms feed serves no single platform. */
  | { outcome: 'app_platform_for_legacy_feed' }
  | { outcome: 'unknown_app_platform' }
  | { outcome: 'mparticle_feed_exists'; legacy: boolean };

/** Which changes are settings (shown) and which are secrets (sealed), per kind. */
const SETTING_FIELDS = {
  amplitude: ['endpoint', 'user_id'],
  mparticle: ['base_url', 'customer_id', 'mode'],
  webhook: ['url'],
} as const satisfies { [K in IntegrationKind]: readonly (keyof StoredIntegration[K]['settings'])[] };

const SECRET_FIELDS = {
  amplitude: ['api_key', 'secret_key'],
  mparticle: ['key', 'secret'],
  webhook: ['authorization'],
} as const satisfies { [K in IntegrationKind]: readonly (keyof StoredIntegration[K]['secrets'])[] };

export async function updateIntegration(deps: Deps, input: UpdateIntegrationInput): Promise<UpdateIntegrationResult> {
  const { changes } = input;
  let appPlatformId: string | null = null;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const current = await trx
        .selectFrom('integrations')
        .selectAll()
        .where('app_id', '=', app.id)
        .where('id', '=', input.integrationId)
        .forUpdate()
        .executeTakeFirst();
      if (!current) {
        return { outcome: 'integration_not_found' } as const;
      }
      if (current.kind !== changes.kind) {
        throw new Error(`integration ${current.id} is ${current.kind}: it cannot take ${changes.kind} changes`);
      }
      appPlatformId = current.app_platform_id;

      if (changes.kind === 'mparticle') {
        const mode = changes.mode ?? (current.settings as StoredIntegration['mparticle']['settings']).mode;
        if (mode === 'all_platforms' && changes.app_platform_id !== undefined) {
          return { outcome: 'app_platform_for_legacy_feed' } as const;
        }
        appPlatformId = mode === 'all_platforms' ? null : (changes.app_platform_id ?? current.app_platform_id);
        if (mode === 'selected_platform' && appPlatformId === null) {
          return { outcome: 'app_platform_required' } as const;
        }
        if (appPlatformId !== null && appPlatformId !== current.app_platform_id) {
          const platform = await trx
            .selectFrom('app_platforms')
            .select('id')
            .where('app_id', '=', app.id)
            .where('id', '=', appPlatformId)
            .executeTakeFirst();
          if (!platform) {
            return { outcome: 'unknown_app_platform' } as const;
          }
        }
      }

      const settingChanges = given(changes, SETTING_FIELDS[changes.kind]);
      const secretChanges = given(changes, SECRET_FIELDS[changes.kind]);
      const secrets =
        Object.keys(secretChanges).length === 0
          ? {}
          : secretColumns(deps, current.id, { ...openSecrets(deps, current), ...secretChanges });
      const integration = await trx
        .updateTable('integrations')
        .set({
          name: changes.name,
          enabled: changes.enabled,
          event_types: changes.event_types && inCatalogueOrder(changes.event_types),
          app_platform_id: appPlatformId,
          settings: JSON.stringify({ ...(current.settings as object), ...settingChanges }),
          ...secrets,
          updated_at: deps.now(),
        })
        .where('app_id', '=', app.id)
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { outcome: 'updated', integration } as const;
    });
  } catch (error) {
    const conflict = integrationConflict(error, appPlatformId);
    // The kind cannot change: a change never makes a second Amplitude integration.
    if (conflict?.outcome === 'unknown_app_platform' || conflict?.outcome === 'mparticle_feed_exists') {
      return conflict;
    }
    throw error;
  }
}

function openSecrets(deps: Pick<Deps, 'secrets'>, integration: Integration): Record<string, string | null> {
  return JSON.parse(deps.secrets.open(integration.secrets_sealed, secretsContext(integration.id)));
}

/** The fields among `names` that the changes give a value (null included: it removes a secret). */
function given(changes: IntegrationChanges, names: readonly string[]): Record<string, string | null> {
  const values = changes as Record<string, unknown>;
  return Object.fromEntries(
    names.filter((name) => values[name] !== undefined).map((name) => [name, values[name] as string | null]),
  );
}
