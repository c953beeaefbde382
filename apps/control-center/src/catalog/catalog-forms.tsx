import { type FormEvent, useState } from 'react';
import type { Schemas } from '../api/client.js';
import { Field } from '../ui/field.js';
import { fieldErrorOf, formErrorOf } from '../ui/form-errors.js';
import { storeName } from '../ui/format.js';
import {
  type NewPlatform,
  type NewProduct,
  useCreateEntitlement,
  useCreatePlatform,
  useCreateProduct,
} from './queries.js';

const STORES = ['apple', 'google', 'roku'] as const;
const PRODUCT_TYPES = [
  ['subscription', 'Subscription'],
  ['non_consumable', 'Non-consumable'],
  ['consumable', 'Consumable'],
] as const;

const MARKETPLACE_ID_LABEL: Record<(typeof STORES)[number], string> = {
  apple: 'Bundle ID',
  google: 'Package name',
  roku: 'Channel ID',
};

interface FormProps {
  appId: string;
  onDone: () => void;
}

function FormActions({
  error,
  fields,
  pending,
  submit,
  onCancel,
}: {
  error: unknown;
  fields: readonly string[];
  pending: boolean;
  submit: string;
  onCancel: () => void;
}) {
  const message = formErrorOf(error, fields);
  return (
    <>
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Saving…' : submit}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

export function PlatformForm({ appId, onDone }: FormProps) {
  const create = useCreatePlatform(appId);
  const [name, setName] = useState('');
  const [store, setStore] = useState<NewPlatform['store']>('apple');
  const [marketplaceAppId, setMarketplaceAppId] = useState('');
  const [environment, setEnvironment] = useState('production');
  const error = create.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, store, marketplace_app_id: marketplaceAppId, environment }, { onSuccess: () => onDone() });
  };
  return (
    <form className="panel-form" onSubmit={submit} noValidate aria-labelledby="add-platform-title">
      <h3 id="add-platform-title">Add a platform</h3>
      <div className="form-grid">
        <Field label="Name" name="name" error={fieldErrorOf(error, 'name')}>
          {(props) => <input {...props} value={name} placeholder="iOS" onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Store" name="store" error={fieldErrorOf(error, 'store')}>
          {(props) => (
            <select {...props} value={store} onChange={(e) => setStore(e.target.value as NewPlatform['store'])}>
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
        fields={['name', 'store', 'marketplace_app_id', 'environment']}
        pending={create.isPending}
        submit="Add platform"
        onCancel={onDone}
      />
    </form>
  );
}

export function EntitlementForm({ appId, onDone }: FormProps) {
  const create = useCreateEntitlement(appId);
  const [refId, setRefId] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const error = create.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ entitlement_ref_id: refId, name, description }, { onSuccess: () => onDone() });
  };
  return (
    <form className="panel-form" onSubmit={submit} noValidate aria-labelledby="add-entitlement-title">
      <h3 id="add-entitlement-title">Add an entitlement</h3>
      <div className="form-grid">
        <Field label="Entitlement ID" name="entitlement_ref_id" error={fieldErrorOf(error, 'entitlement_ref_id')}>
          {(props) => (
            <input {...props} value={refId} placeholder="premium" onChange={(e) => setRefId(e.target.value)} />
          )}
        </Field>
        <Field label="Name" name="name" error={fieldErrorOf(error, 'name')}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Description" name="description" error={fieldErrorOf(error, 'description')}>
          {(props) => <input {...props} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
      </div>
      <FormActions
        error={error}
        fields={['entitlement_ref_id', 'name', 'description']}
        pending={create.isPending}
        submit="Add entitlement"
        onCancel={onDone}
      />
    </form>
  );
}

interface ProductFormProps extends FormProps {
  platforms: Schemas['AppPlatform'][];
  entitlements: Schemas['Entitlement'][];
}

export function ProductForm({ appId, platforms, entitlements, onDone }: ProductFormProps) {
  const create = useCreateProduct(appId);
  const [platformId, setPlatformId] = useState(platforms[0]?.id ?? '');
  const [skuRefId, setSkuRefId] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<NewProduct['type']>('subscription');
  const [granted, setGranted] = useState<string[]>([]);
  const error = create.error;
  const grantsError = fieldErrorOf(error, 'entitlement_ids');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { app_platform_id: platformId, sku_ref_id: skuRefId, name, type, entitlement_ids: granted },
      { onSuccess: () => onDone() },
    );
  };
  const toggle = (id: string, on: boolean) =>
    setGranted((current) => (on ? [...current, id] : current.filter((other) => other !== id)));

  return (
    <form className="panel-form" onSubmit={submit} noValidate aria-labelledby="add-product-title">
      <h3 id="add-product-title">Add a product SKU</h3>
      <div className="form-grid">
        <Field label="Platform" name="app_platform_id" error={fieldErrorOf(error, 'app_platform_id')}>
          {(props) => (
            <select {...props} value={platformId} onChange={(e) => setPlatformId(e.target.value)}>
              {platforms.map((platform) => (
                <option key={platform.id} value={platform.id}>
                  {platform.name} ({storeName(platform.store)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="SKU ID (the store's product id)" name="sku_ref_id" error={fieldErrorOf(error, 'sku_ref_id')}>
          {(props) => (
            <input
              {...props}
              value={skuRefId}
              placeholder="premium.monthly"
              onChange={(e) => setSkuRefId(e.target.value)}
            />
          )}
        </Field>
        <Field label="Name" name="name" error={fieldErrorOf(error, 'name')}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Type" name="type" error={fieldErrorOf(error, 'type')}>
          {(props) => (
            <select {...props} value={type} onChange={(e) => setType(e.target.value as NewProduct['type'])}>
              {PRODUCT_TYPES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="checks" aria-describedby={grantsError ? 'grants-error' : undefined}>
        <legend>Entitlements it grants</legend>
        {entitlements.length === 0 ? <p className="muted">Add an entitlement first.</p> : null}
        {entitlements.map((entitlement) => (
          <label key={entitlement.id} className="check">
            <input
              type="checkbox"
              checked={granted.includes(entitlement.id)}
              onChange={(e) => toggle(entitlement.id, e.target.checked)}
            />
            {entitlement.name} <code className="muted">{entitlement.entitlement_ref_id}</code>
          </label>
        ))}
        {grantsError ? (
          <p className="field-error" id="grants-error">
            {grantsError}
          </p>
        ) : null}
      </fieldset>
      <FormActions
        error={error}
        fields={['app_platform_id', 'sku_ref_id', 'name', 'type', 'entitlement_ids']}
        pending={create.isPending}
        submit="Add SKU"
        onCancel={onDone}
      />
    </form>
  );
}
