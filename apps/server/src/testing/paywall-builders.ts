import { aPng } from '@tollgate/testkit';
import { anAppPlatform, aProduct } from './catalog-builders.js';
import type { ApiClient } from './test-server.js';

/** An app platform with two SKUs, and paywall content that offers them: the smallest real paywall. */
export async function aPlatformWithProducts(client: ApiClient, appId: string) {
  const platform = await anAppPlatform(client, appId);
  const monthly = await aProduct(client, appId, platform.id);
  const annual = await aProduct(client, appId, platform.id);
  return { platform, monthly, annual };
}

export function paywallContent(
  offer: { platformId: string; productIds: string[] } | null,
  overrides: Record<string, unknown> = {},
) {
  return {
    template: 'hero',
    default_locale: 'en',
    copy: {
      en: { title: 'Go Premium', body: 'Every station, no ads.', call_to_action: 'Start free trial' },
      fr: { title: 'Passez Premium', body: 'Toutes les stations.', call_to_action: "Commencer l'essai" },
    },
    dismissible: true,
    products: offer
      ? [
          {
            app_platform_id: offer.platformId,
            product_ids: offer.productIds,
            highlighted_product_id: offer.productIds.at(-1),
          },
        ]
      : [],
    ...overrides,
  };
}

export async function aPaywall(
  client: ApiClient,
  appId: string,
  content: object,
  name = 'Premium',
): Promise<{ id: string }> {
  const response = await client.post(`/api/v1/apps/${appId}/paywalls`, { name, content });
  if (response.statusCode !== 201) {
    throw new Error(`expected 201 Created, got ${response.statusCode}: ${response.body}`);
  }
  return response.json();
}

export async function anImage(
  client: ApiClient,
  appId: string,
  width = 32,
  height = 16,
): Promise<{ id: string; url: string }> {
  const response = await client.call({
    method: 'POST',
    url: `/api/v1/apps/${appId}/paywall-images`,
    headers: { 'content-type': 'image/png' },
    payload: aPng(width, height),
  });
  if (response.statusCode !== 201) {
    throw new Error(`expected 201 Created, got ${response.statusCode}: ${response.body}`);
  }
  return response.json();
}

/** A paywall with the given title, published: what a campaign can show. */
export async function aPublishedPaywall(
  client: ApiClient,
  appId: string,
  offer: { platformId: string; productIds: string[] } | null,
  title = 'Go Premium',
): Promise<{ id: string }> {
  const paywall = await aPaywall(
    client,
    appId,
    paywallContent(offer, {
      copy: { en: { title, call_to_action: 'Start' }, fr: { title: `${title} (fr)`, call_to_action: 'Go' } },
    }),
    title,
  );
  const published = await client.post(`/api/v1/apps/${appId}/paywalls/${paywall.id}/publish`);
  if (published.statusCode !== 200) {
    throw new Error(`expected 200 on publish, got ${published.statusCode}: ${published.body}`);
  }
  return paywall;
}

export async function aCampaign(
  client: ApiClient,
  appId: string,
  body: Record<string, unknown>,
): Promise<{ id: string }> {
  const response = await client.post(`/api/v1/apps/${appId}/campaigns`, { name: 'Campaign', ...body });
  if (response.statusCode !== 201) {
    throw new Error(`expected 201 Created, got ${response.statusCode}: ${response.body}`);
  }
  return response.json();
}
