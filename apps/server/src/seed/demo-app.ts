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
  const offered: Array<{ app_platform_id: string; product_ids: string[]; highlighted_product_id: string }> = [];
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
    const products: string[] = [];
    for (const [sku, type, grants] of [
      [DEMO_SKUS.monthly, 'subscription', [premium.id]],
      [DEMO_SKUS.annual, 'subscription', [premium.id, offline.id]],
      [DEMO_SKUS.lifetime, 'non_consumable', [premium.id, offline.id]],
    ] as const) {
      const product = await api.call<{ id: string }>('POST', `${base}/products`, key, {
        app_platform_id: platform.id,
        sku_ref_id: sku,
        name: sku,
        type,
        entitlement_ids: grants,
      });
      products.push(product.id);
    }
    offered.push({
      app_platform_id: platform.id,
      product_ids: products.slice(0, 2),
      highlighted_product_id: products[1] ?? '',
    });
  }
  await createDemoCampaigns(api, key, base, offered);
  return { appId: app.id, platforms };
}

/** Two paywalls, an A/B test of them on onboarding, and a win-back offer: what results show. */
async function createDemoCampaigns(api: SeedApi, key: string, base: string, products: object[]): Promise<void> {
  const paywall = async (name: string, template: string, copy: object) => {
    const created = await api.call<{ id: string }>('POST', `${base}/paywalls`, key, {
      name,
      content: { template, default_locale: 'en', copy, dismissible: true, products },
    });
    await api.call('POST', `${base}/paywalls/${created.id}/publish`, key, {});
    return created.id;
  };
  const calm = await paywall('Every station', 'hero', {
    en: { title: 'Every station, no ads', body: 'Listen to all 400 stations.', call_to_action: 'Try it free' },
    fr: { title: 'Toutes les stations, sans pub', body: 'Écoutez les 400 stations.', call_to_action: 'Essayer' },
  });
  const bold = await paywall('Offline listening', 'cards', {
    en: { title: 'Take your shows offline', body: 'Download and listen anywhere.', call_to_action: 'Go Premium' },
  });
  await api.call('POST', `${base}/campaigns`, key, {
    name: 'Onboarding: every station vs offline',
    template: 'onboarding',
    variants: [
      { key: 'stations', paywall_id: calm, weight: 50 },
      { key: 'offline', paywall_id: bold, weight: 50 },
    ],
  });
  await api.call('POST', `${base}/campaigns`, key, {
    name: 'Win back',
    template: 'win_back',
    variants: [{ key: 'offline', paywall_id: bold, weight: 100 }],
  });
}
