import type { Deps } from '../../../deps.js';
import { findIntegration, type Integration } from '../../../queries/integrations.js';
import { missingIntegration } from './problems.js';

/** The integration named by the path, if the caller's organization owns it; else the right 404. */
export async function integrationOf(
  deps: Deps,
  principal: { orgId: string },
  params: { appId: string; integrationId: string },
): Promise<Integration> {
  const integration = await findIntegration(deps.db, principal.orgId, params.appId, params.integrationId);
  if (!integration) {
    throw await missingIntegration(deps, principal.orgId, params);
  }
  return integration;
}
