import { useState } from 'react';
import type { Schemas } from '../api/client.js';
import { useApps, useDeleteApp, useRenameApp } from '../app/apps.js';
import { navigate } from '../app/router.js';
import { useCampaigns } from '../campaigns/queries.js';
import { useIntegrations } from '../integrations/queries.js';
import { usePaywalls } from '../paywalls/queries.js';
import { ConfirmDelete } from '../ui/confirm-delete.js';
import { Field } from '../ui/field.js';
import { FormActions } from '../ui/form-actions.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { PanelForm } from '../ui/panel-form.js';
import { useEntitlements, usePlatforms, useProducts } from './queries.js';

/** The Catalog's title with the app's name, and renaming or deleting the app. */
export function AppHead({ appId }: { appId: string }) {
  const app = useApps().data?.data.find((a) => a.id === appId);
  const [renaming, setRenaming] = useState(false);
  return (
    <>
      <div className="page-head">
        <div className="title-with-name">
          <h1 id="catalog-title">Catalog</h1>
          {app ? <span className="muted">{app.name}</span> : null}
        </div>
        {app ? (
          <div className="actions">
            <button type="button" hidden={renaming} onClick={() => setRenaming(true)}>
              Rename app
            </button>
            <DeleteApp app={app} />
          </div>
        ) : null}
      </div>
      {app && renaming ? <RenameForm app={app} onDone={() => setRenaming(false)} /> : null}
    </>
  );
}

function RenameForm({ app, onDone }: { app: Schemas['App']; onDone: () => void }) {
  const rename = useRenameApp(app.id);
  const [name, setName] = useState(app.name);
  const submit = () => (name === app.name ? onDone() : rename.mutate(name, { onSuccess: onDone }));
  return (
    <PanelForm title="Rename the app" onSubmit={submit}>
      <Field label="App name" name="name" error={fieldErrorOf(rename.error, 'name')}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <FormActions
        error={rename.error}
        fields={['name']}
        pending={rename.isPending}
        submit="Save name"
        onCancel={onDone}
      />
    </PanelForm>
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function DeleteApp({ app }: { app: Schemas['App'] }) {
  const deletion = useDeleteApp(app.id);
  const platforms = usePlatforms(app.id).data?.data.length;
  const entitlements = useEntitlements(app.id).data?.data.length;
  const products = useProducts(app.id).data?.data.length;
  const integrations = useIntegrations(app.id).data?.data.length;
  const paywalls = usePaywalls(app.id).data?.data.length;
  const campaigns = useCampaigns(app.id).data?.data.length;
  const known = [platforms, entitlements, products, integrations, paywalls, campaigns].every((n) => n !== undefined);
  return (
    <ConfirmDelete
      button="Delete app"
      what={`app “${app.name}”`}
      deletion={deletion}
      onDelete={() => deletion.mutate(undefined, { onSuccess: () => navigate('/') })}
    >
      {known ? (
        <p>
          Its whole catalog goes with it: {count(platforms ?? 0, 'platform', 'platforms')} (their SDK keys stop
          working), {count(entitlements ?? 0, 'entitlement', 'entitlements')},{' '}
          {count(products ?? 0, 'product SKU', 'product SKUs')} and{' '}
          {count(integrations ?? 0, 'integration', 'integrations')}. So do its{' '}
          {count(paywalls ?? 0, 'paywall', 'paywalls')} and {count(campaigns ?? 0, 'campaign', 'campaigns')}, with their
          results.
        </p>
      ) : (
        <p>
          Its whole catalog goes with it: its platforms (their SDK keys stop working), entitlements, SKUs and
          integrations, and its paywalls and campaigns with their results.
        </p>
      )}
      <p>This cannot be undone. An app with customers is never deleted: Tollgate keeps customer data.</p>
    </ConfirmDelete>
  );
}
