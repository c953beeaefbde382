import { useId, useState } from 'react';
import type { Schemas } from '../api/client.js';
import { usePlatforms, useProducts } from '../catalog/queries.js';
import { type Copy, emptyCopy, imageSrc, type Slot } from './content.js';
import { type PaywallContent, usePaywallImages } from './queries.js';
import './paywall-preview.css';

type Product = Schemas['Product'];

/**
 * The paywall as a phone would draw it, from the form's content as it is now (saved or not), in a
 * language and for a platform chosen here. A picture of the screen: nothing in it can be pressed.
 */
export function PaywallPreview({ appId, content }: { appId: string; content: PaywallContent }) {
  const id = useId();
  const images = usePaywallImages(appId).data?.data ?? [];
  const platforms = usePlatforms(appId).data?.data ?? [];
  const products = useProducts(appId).data?.data ?? [];
  const locales = Object.keys(content.copy);
  const [wantedLocale, setLocale] = useState(content.default_locale);
  const locale = locales.includes(wantedLocale) ? wantedLocale : content.default_locale;
  const offered = platforms.filter((p) => content.products.some((o) => o.app_platform_id === p.id));
  const [wantedPlatform, setPlatform] = useState('');
  const offer = content.products.find((o) => o.app_platform_id === wantedPlatform) ?? content.products[0];

  const copy = content.copy[locale] ?? emptyCopy();
  const imageOf = (slot: Slot) => {
    const image = images.find((i) => i.id === content.images[slot]);
    return image ? imageSrc(image) : undefined;
  };
  const shown = (offer?.product_ids ?? []).flatMap((productId) => products.filter((p) => p.id === productId));

  return (
    <aside className="preview" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Preview</h2>
      <div className="preview-controls">
        <label htmlFor={`${id}-locale`}>Language</label>
        <select id={`${id}-locale`} value={locale} onChange={(e) => setLocale(e.target.value)}>
          {locales.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
        {offered.length > 1 ? (
          <>
            <label htmlFor={`${id}-platform`}>Platform</label>
            <select
              id={`${id}-platform`}
              value={offer?.app_platform_id ?? ''}
              onChange={(e) => setPlatform(e.target.value)}
            >
              {offered.map((platform) => (
                <option key={platform.id} value={platform.id}>
                  {platform.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </div>
      <div className="phone" data-testid="paywall-preview">
        <div className={`screen template-${content.template}`} lang={locale}>
          {content.template === 'minimal' && imageOf('background') ? (
            // Behind the copy, which says what matters: the picture adds nothing to read.
            <img className="preview-background" src={imageOf('background')} alt="" />
          ) : null}
          {content.dismissible ? (
            <span className="preview-close" role="img" aria-label="Close button">
              ×
            </span>
          ) : null}
          {content.template === 'hero' ? (
            <Picture src={imageOf('hero')} className="preview-hero" what="hero image" />
          ) : null}
          {content.template === 'cards' ? <Picture src={imageOf('logo')} className="preview-logo" what="logo" /> : null}
          <PreviewCopy copy={copy} products={shown} highlighted={offer?.highlighted_product_id} />
        </div>
      </div>
    </aside>
  );
}

function Picture({ src, className, what }: { src: string | undefined; className: string; what: string }) {
  return src ? (
    <img className={className} src={src} alt={`The ${what}`} />
  ) : (
    <div className={`${className} preview-placeholder`}>No {what}</div>
  );
}

interface PreviewCopyProps {
  copy: Copy;
  products: Product[];
  highlighted: string | undefined;
}

function PreviewCopy({ copy, products, highlighted }: PreviewCopyProps) {
  return (
    <div className="preview-body">
      <p className="preview-title">{copy.title || 'Title'}</p>
      {copy.body ? <p className="preview-text">{copy.body}</p> : null}
      {products.length > 0 ? (
        <ul className="preview-products" aria-label="Products in the preview">
          {products.map((product) => (
            <li
              key={product.id}
              className={product.id === highlighted ? 'preview-product highlighted' : 'preview-product'}
            >
              {product.id === highlighted ? <span className="preview-best">Best value</span> : null}
              <span className="preview-product-name">{product.name}</span>
              <span className="preview-sku">{product.sku_ref_id}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="preview-text preview-empty">No products offered yet</p>
      )}
      <span className="preview-cta">{copy.call_to_action || 'Call to action'}</span>
      {copy.legal_text ? <p className="preview-legal">{copy.legal_text}</p> : null}
    </div>
  );
}
