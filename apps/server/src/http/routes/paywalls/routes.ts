import type { Deps } from '../../../deps.js';
import type { HttpApp } from '../../http-app.js';
import { listPaywallImagesRoute } from '../paywall-images/list-paywall-images.js';
import { uploadPaywallImageRoute } from '../paywall-images/upload-paywall-image.js';
import { createPaywallRoute } from './create-paywall.js';
import { deletePaywallRoute } from './delete-paywall.js';
import { getPaywallRoute } from './get-paywall.js';
import { listPaywallVersionsRoute } from './list-paywall-versions.js';
import { listPaywallsRoute } from './list-paywalls.js';
import { publishPaywallRoute, restorePaywallVersionRoute } from './publish-paywall.js';
import { updatePaywallRoute } from './update-paywall.js';

export function paywallRoutes(http: HttpApp, deps: Deps): void {
  for (const route of [
    createPaywallRoute,
    listPaywallsRoute,
    getPaywallRoute,
    updatePaywallRoute,
    deletePaywallRoute,
    publishPaywallRoute,
    listPaywallVersionsRoute,
    restorePaywallVersionRoute,
    uploadPaywallImageRoute,
    listPaywallImagesRoute,
  ]) {
    route(http, deps);
  }
}
