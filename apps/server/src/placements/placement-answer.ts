import { type Choice, copyFor, type PaywallContent } from '@tollgate/core';
import type { AppOffers, OfferedProduct } from './app-offers.js';

/** What the SDK is told to show at a placement: the paywall as this device draws it, or nothing. */
export interface PlacementAnswer {
  placement: string;
  campaign: { id: string; name: string; variant: string } | null;
  paywall: {
    id: string;
    version: number;
    template: PaywallContent['template'];
    locale: string;
    title: string;
    body: string;
    call_to_action: string;
    legal_text: string;
    dismissible: boolean;
    /** Image URLs by slot. */
    images: Record<string, string>;
    products: Array<Pick<OfferedProduct, 'id' | 'sku_ref_id' | 'name' | 'type'> & { highlighted: boolean }>;
  } | null;
}

/**
 * The chosen variant's published paywall, in the device's language, offering the SKUs of the
 * device's app platform that still exist.
 */
export function placementAnswer(
  placement: string,
  choice: Choice,
  offers: AppOffers,
  device: { appPlatformId: string; language: string | null },
  imageUrl: (imageId: string) => string,
): PlacementAnswer {
  const chosen = choice.chosen;
  const campaign = chosen && offers.campaigns.get(chosen.campaignId);
  const paywallId = campaign?.variants.get(chosen?.variant ?? '');
  const paywall = paywallId === undefined ? undefined : offers.paywalls.get(paywallId);
  if (!chosen || !campaign || paywallId === undefined || !paywall) {
    return { placement, campaign: null, paywall: null };
  }
  const { content } = paywall;
  const { locale, copy } = copyFor(content, device.language);
  const offer = content.products.find((entry) => entry.app_platform_id === device.appPlatformId);
  const products = (offer?.product_ids ?? []).flatMap((productId) => {
    const product = offers.products.get(productId);
    return product
      ? [
          {
            id: product.id,
            sku_ref_id: product.sku_ref_id,
            name: product.name,
            type: product.type,
            highlighted: product.id === offer?.highlighted_product_id,
          },
        ]
      : [];
  });
  return {
    placement,
    campaign: { id: chosen.campaignId, name: campaign.name, variant: chosen.variant },
    paywall: {
      id: paywallId,
      version: paywall.version,
      template: content.template,
      locale,
      ...copy,
      dismissible: content.dismissible,
      images: Object.fromEntries(Object.entries(content.images).map(([slot, imageId]) => [slot, imageUrl(imageId)])),
      products,
    },
  };
}
