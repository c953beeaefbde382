import type { PaywallContent, PaywallImage } from './queries.js';

export type Template = PaywallContent['template'];
export type Slot = 'hero' | 'logo' | 'background';
export type Copy = PaywallContent['copy'][string];
export type Offer = PaywallContent['products'][number];

/** The server's templates (`PAYWALL_TEMPLATES` in @tollgate/core), with the image slots each shows. */
export const TEMPLATES: { key: Template; name: string; description: string; slots: Slot[] }[] = [
  {
    key: 'hero',
    name: 'Hero',
    description: 'A full-width image above the copy and a list of products',
    slots: ['hero'],
  },
  {
    key: 'cards',
    name: 'Cards',
    description: 'A logo, the copy, and the products as cards side by side',
    slots: ['logo'],
  },
  {
    key: 'minimal',
    name: 'Minimal',
    description: 'Copy and products on a plain or image background',
    slots: ['background'],
  },
];

export const SLOT_NAMES: Record<Slot, string> = { hero: 'Hero image', logo: 'Logo', background: 'Background image' };

export const slotsOf = (template: Template): Slot[] => TEMPLATES.find((t) => t.key === template)?.slots ?? [];

/** The same BCP 47 shape the API checks copy locales against. */
export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const emptyCopy = (): Copy => ({ title: '', body: '', call_to_action: '', legal_text: '' });

export function newContent(): PaywallContent {
  return {
    template: 'hero',
    default_locale: 'en',
    copy: { en: emptyCopy() },
    images: {},
    dismissible: true,
    products: [],
  };
}

/** What is saved: only the images the chosen template shows (others stay in the form, should it come back). */
export function contentToSave(content: PaywallContent): PaywallContent {
  const slots: string[] = slotsOf(content.template);
  const images = Object.fromEntries(Object.entries(content.images).filter(([slot]) => slots.includes(slot)));
  return { ...content, images };
}

/**
 * Where the page loads an image from: the server that serves the Control Center serves the images
 * too, and the page may load only its own origin's (its Content-Security-Policy), while the API's
 * `url` names the public address devices use, which may be another name for it.
 */
export function imageSrc(image: PaywallImage): string {
  const url = new URL(image.url);
  return url.pathname + url.search;
}
