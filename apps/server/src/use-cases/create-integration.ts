import { randomBytes } from 'node:crypto';
import { EVENT_TYPES } from '@tollgate/core';
import { violatedForeignKey, violatedUniqueConstraint } from '@tollgate/db';
import { newWebhookSecret } from '@tollgate/integrations';
import type { Deps } from '../deps.js';
import { type StoredIntegration, secretHint, secretsContext } from '../integrations/stored.js';
import { findApp } from '../queries/apps.js';
import type { Integration } from '../queries/integrations.js';

/** What a new integration of each kind is made of; a webhook's signing secret is made here. */
export type IntegrationSetup =
  | {
      kind: 'amplitude';
      settings: StoredIntegration['amplitude']['settings'];
      secrets: StoredIntegration['amplitude']['secrets'];
    }
  | {
      kind: 'mparticle';
      /** Null for the legacy all-platforms feed. */
      appPlatformId: string | null;
      settings: StoredIntegration['mparticle']['settings'];
      secrets: StoredIntegration['mparticle']['secrets'];
    }
  | {
      kind: 'webhook';
      settings: StoredIntegration['webhook']['settings'];
      secrets: Omit<StoredIntegration['webhook']['secrets'], 'signing_secret'>;
    };

export interface CreateIntegrationInput {
  orgId: string;
  appId: string;
  name: string;
  enabled: boolean;
  eventTypes: readonly string[];
  setup: IntegrationSetup;
}

export type CreateIntegrationResult =
  | {
      outcome: 'created';
      integration: Integration;
      /** A new webhook's signing secret, to be shown this once; null for the other kinds. */
      signingSecret: string | null;
    }
  | { outcome: 'app_not_found' }
  | IntegrationConflict;

/** What the integration would clash with: a constraint the database keeps, checked again on update. */
export type IntegrationConflict =
  | { outcome: 'unknown_app_platform' }
  | { outcome: 'amplitude_integration_exists' }
  | { outcome: 'mparticle_feed_exists'; legacy: boolean };

export async function createIntegration(deps: Deps, input: CreateIntegrationInput): Promise<CreateIntegrationResult> {
  const { setup } = input;
  const appPlatformId = setup.kind === 'mparticle' ? setup.appPlatformId : null;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      if (appPlatformId !== null) {
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
      const id = deps.newId();
      const now = deps.now();
      const signingSecret = setup.kind === 'webhook' ? newWebhookSecret(randomBytes(32)) : null;
      const secrets = signingSecret === null ? setup.secrets : { ...setup.secrets, signing_secret: signingSecret };
      const integration = await trx
        .insertInto('integrations')
        .values({
          app_id: app.id,
          id,
          kind: setup.kind,
          name: input.name,
          enabled: input.enabled,
          app_platform_id: appPlatformId,
          event_types: inCatalogueOrder(input.eventTypes),
          settings: JSON.stringify(setup.settings),
          ...secretColumns(deps, id, secrets),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { outcome: 'created', integration, signingSecret } as const;
    });
  } catch (error) {
    const conflict = integrationConflict(error, appPlatformId);
    if (conflict) {
      return conflict;
    }
    throw error;
  }
}

/** The sealed secrets and what the API may show of them: the whole object is sealed again on every change. */
export function secretColumns(
  deps: Pick<Deps, 'secrets'>,
  integrationId: string,
  secrets: Record<string, string | null>,
): { secrets_sealed: string; secret_hints: string } {
  const hints = Object.fromEntries(
    Object.entries(secrets).map(([name, value]) => [name, value === null ? null : secretHint(value)]),
  );
  return {
    secrets_sealed: deps.secrets.seal(JSON.stringify(secrets), secretsContext(integrationId)),
    secret_hints: JSON.stringify(hints),
  };
}

/** Each event type once, in the order of the event catalogue. */
export function inCatalogueOrder(eventTypes: readonly string[]): string[] {
  const wanted = new Set(eventTypes);
  return EVENT_TYPES.filter((type) => wanted.has(type));
}

/** A constraint broken by a concurrent change, after the checks made before writing: say which. */
export function integrationConflict(error: unknown, appPlatformId: string | null): IntegrationConflict | null {
  switch (violatedUniqueConstraint(error)) {
    case 'integrations_one_amplitude_key':
      return { outcome: 'amplitude_integration_exists' };
    case 'integrations_one_mparticle_feed_key':
      return { outcome: 'mparticle_feed_exists', legacy: appPlatformId === null };
    default:
      break;
  }
  if (violatedForeignKey(error) === 'integrations_app_id_app_platform_id_fkey') {
    return { outcome: 'unknown_app_platform' };
  }
  return null;
}
