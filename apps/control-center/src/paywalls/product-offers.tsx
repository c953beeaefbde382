import { useId, useState } from 'react';
import { isApiError, type Schemas } from '../api/client.js';
import { usePlatforms, useProducts } from '../catalog/queries.js';
import { storeName } from '../ui/format.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import type { Offer } from './content.js';
import type { PaywallContent } from './queries.js';

type Product = Schemas['Product'];

interface Props {
  appId: string;
  content: PaywallContent;
  onChange: (content: PaywallContent) => void;
  error: unknown;
}

/** Per app platform, the SKUs offered in order and the highlighted one. */
export function ProductOffers({ appId, content, onChange, error }: Props) {
  const platforms = usePlatforms(appId);
  const products = useProducts(appId);
  const exact = (field: string) => (isApiError(error) ? error.fieldError(field) : undefined);
  const setOffer = (platformId: string, offer: Offer | null) => {
    const others = content.products.filter((o) => o.app_platform_id !== platformId);
    const position = content.products.findIndex((o) => o.app_platform_id === platformId);
    // A platform keeps its place in the list, so the API's errors (`content.products.0…`) stay where they were.
    const next = offer === null ? others : position < 0 ? [...others, offer] : content.products.with(position, offer);
    onChange({ ...content, products: next });
  };
  return (
    <section aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      {exact('content.products') ? <p className="field-error">{exact('content.products')}</p> : null}
      {platforms.isPending || products.isPending ? <Loading what="the catalog" /> : null}
      {platforms.isError ? <ErrorState error={platforms.error} onRetry={() => void platforms.refetch()} /> : null}
      {products.isError ? <ErrorState error={products.error} onRetry={() => void products.refetch()} /> : null}
      {platforms.data?.data.length === 0 ? (
        <Empty title="No platforms yet">
          <p>Add the app’s platforms and SKUs in the Catalog, then choose what this paywall offers.</p>
        </Empty>
      ) : null}
      {platforms.data && products.data
        ? platforms.data.data.map((platform) => {
            const position = content.products.findIndex((o) => o.app_platform_id === platform.id);
            return (
              <PlatformOffer
                key={platform.id}
                title={`${platform.name} (${storeName(platform.store)})`}
                skus={products.data.data.filter((p) => p.app_platform_id === platform.id)}
                offer={content.products[position]}
                onChange={(offer) => setOffer(platform.id, offer && { app_platform_id: platform.id, ...offer })}
                errorAt={(field) => (position < 0 ? undefined : exact(`content.products.${position}${field}`))}
              />
            );
          })
        : null}
    </section>
  );
}

interface PlatformOfferProps {
  title: string;
  skus: Product[];
  offer: Offer | undefined;
  onChange: (offer: Pick<Offer, 'product_ids' | 'highlighted_product_id'> | null) => void;
  /** The API's message for a field of this offer (`.product_ids.1`), when it named one. */
  errorAt: (field: string) => string | undefined;
}

function PlatformOffer({ title, skus, offer, onChange, errorAt }: PlatformOfferProps) {
  const id = useId();
  const chosen = offer?.product_ids ?? [];
  const available = skus.filter((sku) => !chosen.includes(sku.id));
  const [adding, setAdding] = useState('');
  const toAdd = available.some((sku) => sku.id === adding) ? adding : (available[0]?.id ?? '');
  const skuOf = (productId: string) => skus.find((sku) => sku.id === productId);
  const set = (ids: string[], highlighted = offer?.highlighted_product_id) =>
    onChange(
      ids.length === 0
        ? null
        : {
            product_ids: ids,
            highlighted_product_id: highlighted && ids.includes(highlighted) ? highlighted : (ids[0] ?? ''),
          },
    );
  const move = (from: number, to: number) => {
    const ids = [...chosen];
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved ?? '');
    set(ids);
  };
  const offerErrors = ['.app_platform_id', '.product_ids', '.highlighted_product_id'].map(errorAt).filter(Boolean);
  return (
    <fieldset className="offer">
      <legend>{title}</legend>
      {offerErrors.map((message) => (
        <p key={message} className="field-error">
          {message}
        </p>
      ))}
      {skus.length === 0 ? <p className="muted">This platform sells no SKUs yet: add them in the Catalog.</p> : null}
      {chosen.length > 0 ? (
        <ol className="offer-list" aria-label={`Products offered on ${title}, in order`}>
          {chosen.map((productId, position) => {
            const sku = skuOf(productId);
            const name = sku ? `${sku.name} (${sku.sku_ref_id})` : 'A SKU that is gone';
            const rowError = errorAt(`.product_ids.${position}`);
            return (
              <li key={productId} className="offer-row">
                <label className="check">
                  <input
                    type="radio"
                    name={`${id}-highlighted`}
                    aria-label={`Highlight ${name}`}
                    checked={offer?.highlighted_product_id === productId}
                    onChange={() => set(chosen, productId)}
                  />
                  <span>{name}</span>
                  {offer?.highlighted_product_id === productId ? <span className="badge">Highlighted</span> : null}
                </label>
                <div className="actions nowrap">
                  <button
                    type="button"
                    disabled={position === 0}
                    aria-label={`Move ${name} up`}
                    onClick={() => move(position, position - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={position === chosen.length - 1}
                    aria-label={`Move ${name} down`}
                    onClick={() => move(position, position + 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="danger-button"
                    aria-label={`Remove ${name}`}
                    onClick={() => set(chosen.filter((other) => other !== productId))}
                  >
                    Remove
                  </button>
                </div>
                {rowError ? <p className="field-error">{rowError}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {available.length > 0 ? (
        <div className="inline-field">
          <label htmlFor={`${id}-add`}>SKU to offer</label>
          <select id={`${id}-add`} value={toAdd} onChange={(e) => setAdding(e.target.value)}>
            {available.map((sku) => (
              <option key={sku.id} value={sku.id}>
                {sku.name} ({sku.sku_ref_id})
              </option>
            ))}
          </select>
          <button type="button" onClick={() => set([...chosen, toAdd])} aria-label={`Add the SKU to ${title}`}>
            Add
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
