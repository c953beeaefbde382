import { useState } from 'react';
import type { Schemas } from '../api/client.js';
import { changesOf } from '../ui/changes.js';
import { Field } from '../ui/field.js';
import { FormActions } from '../ui/form-actions.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { storeName } from '../ui/format.js';
import { PanelForm } from '../ui/panel-form.js';
import { type NewPlatform, useCreatePlatform, useUpdatePlatform } from './queries.js';

const STORES = ['apple', 'google', 'roku'] as const;

const MARKETPLACE_ID_LABEL: Record<(typeof STORES)[number], string> = {
  apple: 'Bundle ID',
  google: 'Package name',
  roku: 'Channel ID',
};

const FIELDS = ['name', 'store', 'marketplace_app_id', 'environment'] as const;

interface Props {
  appId: string;
  /** The platform to edit; none to add one. */
  existing?: Schemas['AppPlatform'];
  onDone: () => void;
}

/** Adds a platform, or edits one: its store is fixed once made (SKUs and purchases depend on it). */
export function PlatformForm({ appId, existing, onDone }: Props) {
  const create = useCreatePlatform(appId);
  const update = useUpdatePlatform(appId);
  const save = existing ? update : create;
  const [name, setName] = useState(existing?.name ?? '');
  const [store, setStore] = useState<NewPlatform['store']>(existing?.store ?? 'apple');
  const [marketplaceAppId, setMarketplaceAppId] = useState(existing?.marketplace_app_id ?? '');
  const [environment, setEnvironment] = useState(existing?.environment ?? 'production');
  const error = save.error;

  const submit = () => {
    const values = { name, marketplace_app_id: marketplaceAppId, environment };
    if (!existing) {
      create.mutate({ ...values, store }, { onSuccess: onDone });
      return;
    }
    const changes = changesOf(existing, values);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate({ id: existing.id, changes }, { onSuccess: onDone });
  };
  return (
    <PanelForm title={existing ? `Edit platform “${existing.name}”` : 'Add a platform'} onSubmit={submit}>
      <div className="form-grid">
        <Field label="Name" name="name" error={fieldErrorOf(error, 'name')}>
          {(props) => <input {...props} value={name} placeholder="iOS" onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Store" name="store" error={fieldErrorOf(error, 'store')}>
          {(props) => (
            <select
              {...props}
              value={store}
              disabled={existing !== undefined}
              onChange={(e) => setStore(e.target.value as NewPlatform['store'])}
            >
              {STORES.map((s) => (
                <option key={s} value={s}>
                  {storeName(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={MARKETPLACE_ID_LABEL[store]}
          name="marketplace_app_id"
          error={fieldErrorOf(error, 'marketplace_app_id')}
        >
          {(props) => (
            <input
              {...props}
              value={marketplaceAppId}
              placeholder={store === 'roku' ? '123456' : 'com.example.app'}
              onChange={(e) => setMarketplaceAppId(e.target.value)}
            />
          )}
        </Field>
        <Field label="Environment" name="environment" error={fieldErrorOf(error, 'environment')}>
          {(props) => <input {...props} value={environment} onChange={(e) => setEnvironment(e.target.value)} />}
        </Field>
      </div>
      <FormActions
        error={error}
        fields={FIELDS}
        pending={save.isPending}
        submit={existing ? 'Save platform' : 'Add platform'}
        onCancel={onDone}
      />
    </PanelForm>
  );
}
