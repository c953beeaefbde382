import type { Deps } from '../../../deps.js';
import type { ResolvePlacement } from '../../../placements/resolve-placement.js';
import type { HttpApp } from '../../http-app.js';
import { campaignResultsRoute } from './campaign-results.js';
import { createCampaignRoute } from './create-campaign.js';
import { deleteCampaignRoute } from './delete-campaign.js';
import { explainPlacementRoute } from './explain-placement.js';
import { getCampaignRoute } from './get-campaign.js';
import { listCampaignTemplatesRoute } from './list-campaign-templates.js';
import { listCampaignsRoute } from './list-campaigns.js';
import { reorderPlacementRoute } from './reorder-placement.js';
import { updateCampaignRoute } from './update-campaign.js';

export function campaignRoutes(http: HttpApp, deps: Deps, resolvePlacement: ResolvePlacement): void {
  for (const route of [
    createCampaignRoute,
    listCampaignsRoute,
    getCampaignRoute,
    updateCampaignRoute,
    deleteCampaignRoute,
    reorderPlacementRoute,
    campaignResultsRoute,
  ]) {
    route(http, deps);
  }
  listCampaignTemplatesRoute(http);
  explainPlacementRoute(http, deps, resolvePlacement);
}
