import type { Deps } from '../../../deps.js';
import type { StoreGateways } from '../../../intake/gateways.js';
import type { AnswerCache } from '../../../placements/answer-cache.js';
import type { HttpApp } from '../../http-app.js';
import { customerInfoRoute } from './customer-info.js';
import { logInRoute, logOutRoute, setExternalIdRoute } from './identity.js';
import { recordImpressionRoute } from './impressions.js';
import { placementPaywallRoute } from './placement-paywall.js';
import { registerDeviceRoute } from './register-device.js';
import { endSessionRoute, startSessionRoute } from './sessions.js';
import { recordTransactionRoute } from './transactions.js';

/** The routes devices call with an app platform's SDK key. */
export function sdkRoutes(http: HttpApp, deps: Deps, gateways: StoreGateways, answers: AnswerCache): void {
  registerDeviceRoute(http, deps);
  startSessionRoute(http, deps);
  endSessionRoute(http, deps);
  recordImpressionRoute(http, deps);
  recordTransactionRoute(http, deps, gateways);
  logInRoute(http, deps);
  logOutRoute(http, deps);
  setExternalIdRoute(http, deps);
  customerInfoRoute(http, deps);
  placementPaywallRoute(http, answers);
}
