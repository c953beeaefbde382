import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import type { Integration } from '../queries/integrations.js';

export interface ResumeIntegrationInput {
  orgId: string;
  appId: string;
  integrationId: string;
}

export type ResumeIntegrationResult =
  | { outcome: 'resumed'; integration: Integration }
  | { outcome: 'app_not_found' }
  | { outcome: 'integration_not_found' };

/**
 * Lifts a pause (refused credentials) and a throttle (a 429): what waited is due again. Resuming
 * an integration that is not paused changes nothing but its throttle.
 */
export function resumeIntegration(deps: Deps, input: ResumeIntegrationInput): Promise<ResumeIntegrationResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' };
    }
    const integration = await trx
      .updateTable('integrations')
      .set({ paused_at: null, paused_reason: null, throttled_until: null, updated_at: deps.now() })
      .where('app_id', '=', app.id)
      .where('id', '=', input.integrationId)
      .returningAll()
      .executeTakeFirst();
    return integration ? { outcome: 'resumed', integration } : { outcome: 'integration_not_found' };
  });
}
