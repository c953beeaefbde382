import { useState } from 'react';
import type { Schemas } from '../api/client.js';
import { ConfirmDelete } from '../ui/confirm-delete.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { PRODUCT_TYPES, ProductForm } from './product-form.js';
import { useDeleteProduct, useEntitlements, usePlatforms, useProducts } from './queries.js';

type Product = Schemas['Product'];

const TYPE_NAMES: Record<string, string> = Object.fromEntries(PRODUCT_TYPES);

export function ProductsSection({ appId }: { appId: string }) {
  const products = useProducts(appId);
  const platforms = usePlatforms(appId);
  const entitlements = useEntitlements(appId);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const list = products.data?.data;
  const platformList = platforms.data?.data ?? [];
  const platformName = (id: string) => platformList.find((p) => p.id === id)?.name ?? id;
  return (
    <section aria-labelledby="products-title">
      <div className="section-head">
        <h2 id="products-title">Product SKUs</h2>
        {/* Hidden, not removed, while its form is open: focus comes back to it when the form closes. */}
        {platformList.length === 0 ? null : (
          <button type="button" hidden={editing === 'new'} onClick={() => setEditing('new')}>
            + Add SKU
          </button>
        )}
      </div>
      {editing ? (
        <ProductForm
          key={editing === 'new' ? 'new' : editing.id}
          appId={appId}
          platforms={platformList}
          entitlements={entitlements.data?.data ?? []}
          existing={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
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
              <th scope="col" className="row-action">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((product) => {
              // The same SKU id can be sold on two platforms: the platform tells the rows apart.
              const what = `SKU “${product.sku_ref_id}” on ${platformName(product.app_platform_id)}`;
              return (
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
                  <td className="row-action">
                    <div className="actions nowrap">
                      <button type="button" aria-label={`Edit ${what}`} onClick={() => setEditing(product)}>
                        Edit
                      </button>
                      <DeleteProduct appId={appId} product={product} what={what} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function DeleteProduct({ appId, product, what }: { appId: string; product: Product; what: string }) {
  const deletion = useDeleteProduct(appId);
  const grants = product.entitlements.map((e) => e.entitlement_ref_id);
  return (
    <ConfirmDelete what={what} deletion={deletion} onDelete={() => deletion.mutate({ id: product.id })}>
      {grants.length > 0 ? (
        <p>What it grants goes with it: customers who bought it no longer get {grants.join(', ')} from it.</p>
      ) : (
        <p>It grants nothing: no customer loses access.</p>
      )}
    </ConfirmDelete>
  );
}
