import type { Deps } from '../../../deps.js';
import type { HttpApp } from '../../http-app.js';
import { createCampaignRoute } from './create-campaign.js';
import { deleteCampaignRoute } from './delete-campaign.js';
import { getCampaignRoute } from './get-campaign.js';
import { listCampaignTemplatesRoute } from './list-campaign-templates.js';
import { listCampaignsRoute } from './list-campaigns.js';
import { reorderPlacementRoute } from './reorder-placement.js';
import { updateCampaignRoute } from './update-campaign.js';

export function campaignRoutes(http: HttpApp, deps: Deps): void {
  for (const route of [
    createCampaignRoute,
    listCampaignsRoute,
    getCampaignRoute,
    updateCampaignRoute,
    deleteCampaignRoute,
    reorderPlacementRoute,
  ]) {
    route(http, deps);
  }
  listCampaignTemplatesRoute(http);
}
