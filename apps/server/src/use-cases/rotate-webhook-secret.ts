import { randomBytes } from 'node:crypto';
import { newWebhookSecret } from '@tollgate/integrations';
import type { Deps } from '../deps.js';
import { type StoredIntegration, secretsContext } from '../integrations/stored.js';
import { findApp } from '../queries/apps.js';

/** How long requests are signed with the old secret too: a day for receivers to switch over. */
const OVERLAP_MS = 24 * 60 * 60 * 1000;

export type RotateWebhookSecretResult =
  | { outcome: 'rotated'; signingSecret: string; previousValidUntil: Date }
  | { outcome: 'app_not_found' }
  | { outcome: 'integration_not_found' }
  | { outcome: 'not_a_webhook' };

/**
 * A webhook's new signing secret, shown once. For a day, requests carry a signature with the old
 * secret too (Standard Webhooks allows several), so that receivers switch without missing one;
 * a secret older than that (rotated twice in a day) stops signing at once.
 */
export function rotateWebhookSecret(
  deps: Deps,
  input: { orgId: string; appId: string; integrationId: string },
): Promise<RotateWebhookSecretResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' } as const;
    }
    const integration = await trx
      .selectFrom('integrations')
      .select(['kind', 'secrets_sealed'])
      .where('app_id', '=', app.id)
      .where('id', '=', input.integrationId)
      .forUpdate()
      .executeTakeFirst();
    if (!integration) {
      return { outcome: 'integration_not_found' } as const;
    }
    if (integration.kind !== 'webhook') {
      return { outcome: 'not_a_webhook' } as const;
    }
    const context = secretsContext(input.integrationId);
    const current: StoredIntegration['webhook']['secrets'] = JSON.parse(
      deps.secrets.open(integration.secrets_sealed, context),
    );
    const now = deps.now();
    const signingSecret = newWebhookSecret(randomBytes(32));
    const previousValidUntil = new Date(now.getTime() + OVERLAP_MS);
    const next: StoredIntegration['webhook']['secrets'] = {
      signing_secret: signingSecret,
      authorization: current.authorization,
      previous_signing_secret: current.signing_secret,
      previous_signing_secret_until: previousValidUntil.toISOString(),
    };
    await trx
      .updateTable('integrations')
      .set({ secrets_sealed: deps.secrets.seal(JSON.stringify(next), context), updated_at: now })
      .where('app_id', '=', app.id)
      .where('id', '=', input.integrationId)
      .execute();
    return { outcome: 'rotated', signingSecret, previousValidUntil } as const;
  });
}
