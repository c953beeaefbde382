import type { Deps } from '../../deps.js';
import type { StoreGateways } from '../../intake/gateways.js';
import type { ResolvePlacement } from '../../placements/resolve-placement.js';
import type { HttpApp } from '../http-app.js';
import { createApiKeyRoute } from './api-keys/create-api-key.js';
import { listApiKeysRoute } from './api-keys/list-api-keys.js';
import { revokeApiKeyRoute } from './api-keys/revoke-api-key.js';
import { createAppPlatformRoute } from './app-platforms/create-app-platform.js';
import { deleteAppPlatformRoute } from './app-platforms/delete-app-platform.js';
import { getAppPlatformRoute } from './app-platforms/get-app-platform.js';
import { listAppPlatformsRoute } from './app-platforms/list-app-platforms.js';
import { updateAppPlatformRoute } from './app-platforms/update-app-platform.js';
import { createAppRoute } from './apps/create-app.js';
import { deleteAppRoute } from './apps/delete-app.js';
import { getAppRoute } from './apps/get-app.js';
import { listAppsRoute } from './apps/list-apps.js';
import { updateAppRoute } from './apps/update-app.js';
import { campaignRoutes } from './campaigns/routes.js';
import { exportCustomersRoute } from './customers/export-customers.js';
import { getCustomerRoute } from './customers/get-customer.js';
import { getCustomerEventRoute } from './customers/get-customer-event.js';
import { listCustomerEventsRoute } from './customers/list-customer-events.js';
import { listCustomerRevenueRoute } from './customers/list-customer-revenue.js';
import { listCustomersRoute } from './customers/list-customers.js';
import { createEntitlementRoute } from './entitlements/create-entitlement.js';
import { deleteEntitlementRoute } from './entitlements/delete-entitlement.js';
import { getEntitlementRoute } from './entitlements/get-entitlement.js';
import { listEntitlementsRoute } from './entitlements/list-entitlements.js';
import { updateEntitlementRoute } from './entitlements/update-entitlement.js';
import { listExchangeRatesRoute } from './exchange-rates/list-exchange-rates.js';
import { setExchangeRatesRoute } from './exchange-rates/set-exchange-rates.js';
import { integrationRoutes } from './integrations/routes.js';
import { paywallRoutes } from './paywalls/routes.js';
import { createProductRoute } from './products/create-product.js';
import { deleteProductRoute } from './products/delete-product.js';
import { getProductRoute } from './products/get-product.js';
import { listProductsRoute } from './products/list-products.js';
import { updateProductRoute } from './products/update-product.js';
import { whoAmIRoute } from './session/who-am-i.js';
import { getStoreNotificationRoute } from './store-notifications/get-store-notification.js';
import { listStoreNotificationsRoute } from './store-notifications/list-store-notifications.js';
import { replayStoreNotificationRoute } from './store-notifications/replay-store-notification.js';
import { listStorePlatformsRoute } from './system/store-platforms.js';
import { createTestPurchaseRoute } from './test-store/create-test-purchase.js';
import { stepTestPurchaseRoute } from './test-store/step-test-purchase.js';

/** The routes an operator (session cookie) or an API key may call, all scoped to its organization. */
export function operatorRoutes(
  http: HttpApp,
  deps: Deps,
  gateways: StoreGateways,
  resolvePlacement: ResolvePlacement,
): void {
  whoAmIRoute(http, deps);
  createApiKeyRoute(http, deps);
  listApiKeysRoute(http, deps);
  revokeApiKeyRoute(http, deps);
  listStorePlatformsRoute(http);
  for (const route of [createAppRoute, listAppsRoute, getAppRoute, updateAppRoute, deleteAppRoute]) {
    route(http, deps);
  }
  for (const route of [
    createAppPlatformRoute,
    listAppPlatformsRoute,
    getAppPlatformRoute,
    updateAppPlatformRoute,
    deleteAppPlatformRoute,
  ]) {
    route(http, deps);
  }
  for (const route of [
    createEntitlementRoute,
    listEntitlementsRoute,
    getEntitlementRoute,
    updateEntitlementRoute,
    deleteEntitlementRoute,
  ]) {
    route(http, deps);
  }
  for (const route of [
    createProductRoute,
    listProductsRoute,
    getProductRoute,
    updateProductRoute,
    deleteProductRoute,
  ]) {
    route(http, deps);
  }
  createTestPurchaseRoute(http, deps);
  stepTestPurchaseRoute(http, deps);
  listStoreNotificationsRoute(http, deps);
  getStoreNotificationRoute(http, deps);
  replayStoreNotificationRoute(http, deps, gateways);
  listExchangeRatesRoute(http, deps);
  setExchangeRatesRoute(http, deps);
  for (const route of [
    listCustomersRoute,
    exportCustomersRoute,
    getCustomerRoute,
    listCustomerRevenueRoute,
    listCustomerEventsRoute,
    getCustomerEventRoute,
  ]) {
    route(http, deps);
  }
  integrationRoutes(http, deps);
  paywallRoutes(http, deps);
  campaignRoutes(http, deps, resolvePlacement);
}
