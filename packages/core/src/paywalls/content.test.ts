import { describe, expect, test } from 'vitest';
import { copyFor, type PaywallContent, paywallContentSchema } from './content.js';

const IOS = '0197a3c0-0000-7000-8000-000000000001';
const MONTHLY = '0197a3c0-0000-7000-8000-00000000000a';
const ANNUAL = '0197a3c0-0000-7000-8000-00000000000b';

function aContent(overrides: Record<string, unknown> = {}) {
  return {
    template: 'hero',
    default_locale: 'en',
    copy: { en: { title: 'Go Premium', call_to_action: 'Start' } },
    dismissible: true,
    products: [{ app_platform_id: IOS, product_ids: [MONTHLY, ANNUAL], highlighted_product_id: ANNUAL }],
    ...overrides,
  };
}

function issuesOf(input: unknown) {
  const result = paywallContentSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('paywall content', () => {
  test('fills what may be left out: empty body and legal text, no images', () => {
    expect(paywallContentSchema.parse(aContent())).toMatchObject({
      copy: { en: { title: 'Go Premium', body: '', call_to_action: 'Start', legal_text: '' } },
      images: {},
    });
  });

  test.each([
    ['an unknown template', { template: 'carousel' }, 'template'],
    ['no copy for the default locale', { default_locale: 'fr' }, 'copy.fr'],
    ['a locale that is not a language tag', { copy: { english: { title: 'x', call_to_action: 'y' } } }, 'copy.english'],
    ['an empty title', { copy: { en: { title: ' ', call_to_action: 'Start' } } }, 'copy.en.title'],
    [
      'a highlighted product not offered',
      { products: [{ app_platform_id: IOS, product_ids: [MONTHLY], highlighted_product_id: ANNUAL }] },
      'products.0.highlighted_product_id',
    ],
    [
      'a product listed twice',
      { products: [{ app_platform_id: IOS, product_ids: [MONTHLY, MONTHLY], highlighted_product_id: MONTHLY }] },
      'products.0.product_ids',
    ],
    [
      'two offers for one platform',
      {
        products: [
          { app_platform_id: IOS, product_ids: [MONTHLY], highlighted_product_id: MONTHLY },
          { app_platform_id: IOS, product_ids: [ANNUAL], highlighted_product_id: ANNUAL },
        ],
      },
      'products.1.app_platform_id',
    ],
    ['an unknown image slot', { images: { banner: MONTHLY } }, 'images'],
  ])('refuses %s, naming the field', (_name, overrides, path) => {
    expect(issuesOf(aContent(overrides)).map((issue) => issue.path)).toContain(path);
  });
});

describe('copyFor picks the copy for the device language', () => {
  const content: PaywallContent = paywallContentSchema.parse(
    aContent({
      copy: {
        en: { title: 'Go Premium', call_to_action: 'Start' },
        'pt-BR': { title: 'Seja Premium', call_to_action: 'Começar' },
        fr: { title: 'Passez Premium', call_to_action: 'Commencer' },
      },
    }),
  );

  test.each([
    ['the exact tag', 'pt-BR', 'pt-BR'],
    ['the exact tag, whatever its case', 'PT-br', 'pt-BR'],
    ['the bare language for a regional device', 'fr-CA', 'fr'],
    ['a regional copy for a bare language', 'pt', 'pt-BR'],
    ['another region of a regional copy', 'pt-PT', 'pt-BR'],
    ['the default for a language with no copy', 'de-DE', 'en'],
    ['the default when the device said nothing', null, 'en'],
  ])('%s', (_name, language, locale) => {
    expect(copyFor(content, language).locale).toBe(locale);
  });
});
