import type { SeedApi } from './api.js';

export interface DemoPlatform {
  id: string;
  store: 'apple' | 'google';
  sdkKey: string;
}

export interface DemoApp {
  appId: string;
  platforms: DemoPlatform[];
}

export const DEMO_SKUS = {
  monthly: 'radio.premium.monthly',
  annual: 'radio.premium.annual',
  lifetime: 'radio.lifetime',
} as const;

/** The demo app through the admin API: iOS and Android, two entitlements, three SKUs each. */
export async function createDemoApp(api: SeedApi, key: string, name: string): Promise<DemoApp> {
  const app = await api.call<{ id: string }>('POST', '/api/v1/apps', key, { name });
  const base = `/api/v1/apps/${app.id}`;
  const premium = await api.call<{ id: string }>('POST', `${base}/entitlements`, key, {
    entitlement_ref_id: 'premium',
    name: 'Premium',
    description: 'Every station, no ads',
  });
  const offline = await api.call<{ id: string }>('POST', `${base}/entitlements`, key, {
    entitlement_ref_id: 'offline',
    name: 'Offline listening',
    description: 'Download shows to listen without a connection',
  });
  const platforms: DemoPlatform[] = [];
  for (const [store, platformName, marketplaceAppId] of [
    ['apple', 'iOS', 'com.example.radio'],
    ['google', 'Android', 'com.example.radio.android'],
  ] as const) {
    const platform = await api.call<{ id: string; sdk_key: string }>('POST', `${base}/platforms`, key, {
      name: platformName,
      store,
      marketplace_app_id: marketplaceAppId,
    });
    platforms.push({ id: platform.id, store, sdkKey: platform.sdk_key });
    for (const [sku, type, grants] of [
      [DEMO_SKUS.monthly, 'subscription', [premium.id]],
      [DEMO_SKUS.annual, 'subscription', [premium.id, offline.id]],
      [DEMO_SKUS.lifetime, 'non_consumable', [premium.id, offline.id]],
    ] as const) {
      await api.call('POST', `${base}/products`, key, {
        app_platform_id: platform.id,
        sku_ref_id: sku,
        name: sku,
        type,
        entitlement_ids: grants,
      });
    }
  }
  return { appId: app.id, platforms };
}
