import { useState } from 'react';
import type { Schemas } from '../api/client.js';
import { ConfirmDelete } from '../ui/confirm-delete.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { EntitlementForm } from './entitlement-form.js';
import { useDeleteEntitlement, useEntitlements, useProducts } from './queries.js';

type Entitlement = Schemas['Entitlement'];

/** How buttons and the dialog name it: by the ID apps check for. */
const whatIs = (entitlement: Entitlement) => `entitlement “${entitlement.entitlement_ref_id}”`;

export function EntitlementsSection({ appId }: { appId: string }) {
  const entitlements = useEntitlements(appId);
  const [editing, setEditing] = useState<Entitlement | 'new' | null>(null);
  const list = entitlements.data?.data;
  return (
    <section aria-labelledby="entitlements-title">
      <div className="section-head">
        <h2 id="entitlements-title">Entitlements</h2>
        {/* Hidden, not removed, while its form is open: focus comes back to it when the form closes. */}
        <button type="button" hidden={editing === 'new'} onClick={() => setEditing('new')}>
          + Add entitlement
        </button>
      </div>
      {editing ? (
        <EntitlementForm
          key={editing === 'new' ? 'new' : editing.id}
          appId={appId}
          existing={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
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
              <th scope="col" className="row-action">
                <span className="visually-hidden">Actions</span>
              </th>
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
                <td className="row-action">
                  <div className="actions nowrap">
                    <button
                      type="button"
                      aria-label={`Edit ${whatIs(entitlement)}`}
                      onClick={() => setEditing(entitlement)}
                    >
                      Edit
                    </button>
                    <DeleteEntitlement appId={appId} entitlement={entitlement} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function DeleteEntitlement({ appId, entitlement }: { appId: string; entitlement: Entitlement }) {
  const deletion = useDeleteEntitlement(appId);
  const grantedBy = (useProducts(appId).data?.data ?? []).filter((p) =>
    p.entitlements.some((e) => e.id === entitlement.id),
  );
  return (
    <ConfirmDelete
      what={whatIs(entitlement)}
      deletion={deletion}
      onDelete={({ force }) => deletion.mutate({ id: entitlement.id, force })}
      force={{ code: 'entitlement_in_use', label: 'Remove it from those SKUs and delete it' }}
    >
      <p>
        Apps checking for “{entitlement.entitlement_ref_id}” no longer find it, and customers lose the access it gave.
      </p>
      {grantedBy.length > 0 ? (
        <p>
          Granted by {[...new Set(grantedBy.map((p) => p.sku_ref_id))].join(', ')}: Tollgate keeps an entitlement a SKU
          grants unless you say to remove it from those SKUs.
        </p>
      ) : (
        <p>No SKU grants it.</p>
      )}
    </ConfirmDelete>
  );
}
