import { useState } from 'react';
import type { Schemas } from '../api/client.js';
import { useApps } from '../app/apps.js';
import { CopyValue } from '../ui/copy-button.js';
import { storeName } from '../ui/format.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { EntitlementForm, PlatformForm, ProductForm } from './catalog-forms.js';
import { useEntitlements, usePlatforms, useProducts } from './queries.js';

/** The app's catalog: its platforms (what to paste into the stores and the app), entitlements and SKUs. */
export function CatalogPage({ appId }: { appId: string }) {
  const app = useApps().data?.data.find((a) => a.id === appId);
  return (
    <section aria-labelledby="catalog-title">
      <div className="page-head">
        <h1 id="catalog-title">Catalog</h1>
        {app ? <span className="muted">{app.name}</span> : null}
      </div>
      <Platforms appId={appId} />
      <Entitlements appId={appId} />
      <Products appId={appId} />
    </section>
  );
}

function Platforms({ appId }: { appId: string }) {
  const platforms = usePlatforms(appId);
  const [adding, setAdding] = useState(false);
  const list = platforms.data?.data;
  return (
    <section aria-labelledby="platforms-title">
      <div className="section-head">
        <h2 id="platforms-title">App platforms</h2>
        {adding ? null : (
          <button type="button" onClick={() => setAdding(true)}>
            + Add platform
          </button>
        )}
      </div>
      {adding ? <PlatformForm appId={appId} onDone={() => setAdding(false)} /> : null}
      {platforms.isPending ? <Loading what="platforms" /> : null}
      {platforms.isError ? <ErrorState error={platforms.error} onRetry={() => void platforms.refetch()} /> : null}
      {list && list.length === 0 ? (
        <Empty title="No platforms yet">
          <p>Add one for each store the app sells in: it gives the SDK key and the store’s notification URL.</p>
        </Empty>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="platform-list" aria-label="App platforms">
          {list.map((platform) => (
            <PlatformCard key={platform.id} platform={platform} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function PlatformCard({ platform }: { platform: Schemas['AppPlatform'] }) {
  const titleId = `platform-${platform.id}`;
  return (
    <li className="card platform" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {platform.name} <span className="muted">· {storeName(platform.store)}</span>
      </h3>
      <dl>
        <dt>Marketplace ID</dt>
        <dd>
          <code>{platform.marketplace_app_id}</code>
        </dd>
        <dt>Environment</dt>
        <dd>{platform.environment}</dd>
        <dt>SDK key</dt>
        <dd>
          <CopyValue value={platform.sdk_key} label={`${platform.name} SDK key`} />
        </dd>
        {platform.apple ? (
          <div className="dl-row">
            <dt>Apple notification URL</dt>
            <dd>
              <CopyValue value={platform.apple.notification_url} label={`${platform.name} Apple notification URL`} />
              <span className="hint">
                App Store Connect → App Information → App Store Server Notifications, for Production and Sandbox.
              </span>
            </dd>
          </div>
        ) : null}
        {platform.google ? (
          <div className="dl-row">
            <dt>Google notification URL</dt>
            <dd>
              <CopyValue value={platform.google.notification_url} label={`${platform.name} Google notification URL`} />
              <span className="hint">
                The push endpoint of the Pub/Sub subscription for Real-time developer notifications.
              </span>
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

function Entitlements({ appId }: { appId: string }) {
  const entitlements = useEntitlements(appId);
  const [adding, setAdding] = useState(false);
  const list = entitlements.data?.data;
  return (
    <section aria-labelledby="entitlements-title">
      <div className="section-head">
        <h2 id="entitlements-title">Entitlements</h2>
        {adding ? null : (
          <button type="button" onClick={() => setAdding(true)}>
            + Add entitlement
          </button>
        )}
      </div>
      {adding ? <EntitlementForm appId={appId} onDone={() => setAdding(false)} /> : null}
      {entitlements.isPending ? <Loading what="entitlements" /> : null}
      {entitlements.isError ? (
        <ErrorState error={entitlements.error} onRetry={() => void entitlements.refetch()} />
      ) : null}
      {list && list.length === 0 ? (
        <Empty title="No entitlements yet">
          <p>An entitlement is what the app checks for (“premium”); SKUs grant them.</p>
        </Empty>
      ) : null}
      {list && list.length > 0 ? (
        <table className="table" aria-label="Entitlements">
          <thead>
            <tr>
              <th scope="col">Entitlement ID</th>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {list.map((entitlement) => (
              <tr key={entitlement.id}>
                <td>
                  <code>{entitlement.entitlement_ref_id}</code>
                </td>
                <td>{entitlement.name}</td>
                <td>{entitlement.description || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

const TYPE_NAMES: Record<string, string> = {
  subscription: 'Subscription',
  non_consumable: 'Non-consumable',
  consumable: 'Consumable',
};

function Products({ appId }: { appId: string }) {
  const products = useProducts(appId);
  const platforms = usePlatforms(appId);
  const entitlements = useEntitlements(appId);
  const [adding, setAdding] = useState(false);
  const list = products.data?.data;
  const platformList = platforms.data?.data ?? [];
  const platformName = (id: string) => platformList.find((p) => p.id === id)?.name ?? id;
  return (
    <section aria-labelledby="products-title">
      <div className="section-head">
        <h2 id="products-title">Product SKUs</h2>
        {adding || platformList.length === 0 ? null : (
          <button type="button" onClick={() => setAdding(true)}>
            + Add SKU
          </button>
        )}
      </div>
      {adding ? (
        <ProductForm
          appId={appId}
          platforms={platformList}
          entitlements={entitlements.data?.data ?? []}
          onDone={() => setAdding(false)}
        />
      ) : null}
      {products.isPending ? <Loading what="product SKUs" /> : null}
      {products.isError ? <ErrorState error={products.error} onRetry={() => void products.refetch()} /> : null}
      {list && list.length === 0 ? (
        <Empty title="No product SKUs yet">
          <p>Add each store product the app sells, with the entitlements buying it grants. A SKU needs a platform.</p>
        </Empty>
      ) : null}
      {list && list.length > 0 ? (
        <table className="table" aria-label="Product SKUs">
          <thead>
            <tr>
              <th scope="col">SKU ID</th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Platform</th>
              <th scope="col">Grants</th>
            </tr>
          </thead>
          <tbody>
            {list.map((product) => (
              <tr key={product.id}>
                <td>
                  <code>{product.sku_ref_id}</code>
                </td>
                <td>{product.name}</td>
                <td>{TYPE_NAMES[product.type] ?? product.type}</td>
                <td>{platformName(product.app_platform_id)}</td>
                <td>
                  {product.entitlements.length === 0
                    ? 'Nothing'
                    : product.entitlements.map((e) => e.entitlement_ref_id).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
