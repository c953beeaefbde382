import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';

export interface DeleteIntegrationInput {
  orgId: string;
  appId: string;
  integrationId: string;
}

export type DeleteIntegrationResult =
  | { outcome: 'deleted' }
  | { outcome: 'app_not_found' }
  | { outcome: 'integration_not_found' };

/** Deletes the integration, and by cascade its deliveries and its delivery log: nothing more goes out. */
export function deleteIntegration(deps: Deps, input: DeleteIntegrationInput): Promise<DeleteIntegrationResult> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await findApp(trx, input.orgId, input.appId);
    if (!app) {
      return { outcome: 'app_not_found' };
    }
    const deleted = await trx
      .deleteFrom('integrations')
      .where('app_id', '=', app.id)
      .where('id', '=', input.integrationId)
      .returning('id')
      .executeTakeFirst();
    return deleted ? { outcome: 'deleted' } : { outcome: 'integration_not_found' };
  });
}
