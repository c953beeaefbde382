import { z } from 'zod';

/**
 * The built-in layouts a paywall can use. The SDK draws them natively; the Control Center
 * previews them. Each names the image slots it shows.
 */
export const PAYWALL_TEMPLATES = {
  hero: { name: 'Hero', description: 'A full-width image above the copy and a list of products', slots: ['hero'] },
  cards: { name: 'Cards', description: 'A logo, the copy, and the products as cards side by side', slots: ['logo'] },
  minimal: { name: 'Minimal', description: 'Copy and products on a plain or image background', slots: ['background'] },
} as const;
export type PaywallTemplate = keyof typeof PAYWALL_TEMPLATES;
const TEMPLATE_KEYS = Object.keys(PAYWALL_TEMPLATES) as [PaywallTemplate, ...PaywallTemplate[]];

export const IMAGE_SLOTS = ['hero', 'logo', 'background'] as const;

/** At most this many products per platform: more than a screen can offer. */
const MAX_PRODUCTS = 6;

const locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a BCP 47 language tag such as "en" or "pt-BR"');

const copy = z.strictObject({
  title: z.string().trim().min(1, 'Must not be empty').max(120),
  body: z.string().max(1000).default(''),
  call_to_action: z.string().trim().min(1, 'Must not be empty').max(40),
  legal_text: z.string().max(2000).default(''),
});

const offer = z
  .strictObject({
    app_platform_id: z.uuid('Must be a UUID'),
    product_ids: z
      .array(z.uuid('Must be a UUID'))
      .min(1, 'Offer at least one product')
      .max(MAX_PRODUCTS)
      .describe('The SKUs offered on this platform, in the order shown'),
    highlighted_product_id: z.uuid('Must be a UUID').describe('The one shown as the best choice'),
  })
  .superRefine((value, context) => {
    if (new Set(value.product_ids).size !== value.product_ids.length) {
      context.addIssue({ code: 'custom', path: ['product_ids'], message: 'A product is listed twice' });
    }
    if (!value.product_ids.includes(value.highlighted_product_id)) {
      context.addIssue({
        code: 'custom',
        path: ['highlighted_product_id'],
        message: 'Must be one of product_ids',
      });
    }
  });

/** What a paywall shows: the same shape for a draft and for a published version. */
export const paywallContentSchema = z
  .strictObject({
    template: z.enum(TEMPLATE_KEYS),
    default_locale: locale,
    copy: z
      .record(locale, copy)
      .describe('The copy per language; the default locale must be there, others fall back to it'),
    images: z
      .partialRecord(z.enum(IMAGE_SLOTS), z.uuid('Must be a UUID'))
      .default({})
      .describe('Uploaded image ids by slot'),
    dismissible: z.boolean().describe('Whether the user can close it without buying'),
    products: z.array(offer).max(20).default([]).describe('The products offered, chosen per app platform'),
  })
  .superRefine((value, context) => {
    if (!(value.default_locale in value.copy)) {
      context.addIssue({
        code: 'custom',
        path: ['copy', value.default_locale],
        message: `Give the copy for the default locale ${value.default_locale}`,
      });
    }
    const platforms = value.products.map((entry) => entry.app_platform_id);
    platforms.forEach((platform, position) => {
      if (platforms.indexOf(platform) !== position) {
        context.addIssue({
          code: 'custom',
          path: ['products', position, 'app_platform_id'],
          message: 'This app platform already has its products above',
        });
      }
    });
  });
export type PaywallContent = z.infer<typeof paywallContentSchema>;
export type PaywallCopy = z.infer<typeof copy>;

/**
 * The copy for a device's language: the exact tag, else a copy in the same language
 * ("pt-BR" for "pt", "en" for "en-GB"), else the default. Case-insensitive, as tags are.
 */
export function copyFor(content: PaywallContent, language: string | null): { locale: string; copy: PaywallCopy } {
  const locales = Object.keys(content.copy);
  const wanted = language?.toLowerCase() ?? '';
  const primary = wanted.split('-')[0];
  const chosen =
    locales.find((tag) => tag.toLowerCase() === wanted) ??
    locales.find((tag) => tag.toLowerCase() === primary) ??
    locales.find((tag) => tag.toLowerCase().split('-')[0] === primary) ??
    content.default_locale;
  const chosenCopy = content.copy[chosen] ?? content.copy[content.default_locale];
  if (!chosenCopy) {
    throw new Error(`paywall content has no copy for its default locale ${content.default_locale}`);
  }
  return { locale: chosen, copy: chosenCopy };
}
