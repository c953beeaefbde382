import { useId, useState } from 'react';
import type { Schemas } from '../api/client.js';
import { changesOf } from '../ui/changes.js';
import { Field } from '../ui/field.js';
import { FormActions } from '../ui/form-actions.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { storeName } from '../ui/format.js';
import { PanelForm } from '../ui/panel-form.js';
import { type NewProduct, useCreateProduct, useUpdateProduct } from './queries.js';

export const PRODUCT_TYPES = [
  ['subscription', 'Subscription'],
  ['non_consumable', 'Non-consumable'],
  ['consumable', 'Consumable'],
] as const;

const FIELDS = ['app_platform_id', 'sku_ref_id', 'name', 'type', 'entitlement_ids'] as const;

interface Props {
  appId: string;
  platforms: Schemas['AppPlatform'][];
  entitlements: Schemas['Entitlement'][];
  /** The SKU to edit; none to add one. */
  existing?: Schemas['Product'];
  onDone: () => void;
}

/** Adds a SKU, or edits one: its platform is fixed once made (the SKU exists in that store only). */
export function ProductForm({ appId, platforms, entitlements, existing, onDone }: Props) {
  const create = useCreateProduct(appId);
  const update = useUpdateProduct(appId);
  const save = existing ? update : create;
  const [platformId, setPlatformId] = useState(existing?.app_platform_id ?? platforms[0]?.id ?? '');
  const [skuRefId, setSkuRefId] = useState(existing?.sku_ref_id ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [type, setType] = useState<NewProduct['type']>(existing?.type ?? 'subscription');
  const [granted, setGranted] = useState<string[]>(existing?.entitlements.map((e) => e.id) ?? []);
  const error = save.error;

  const submit = () => {
    const values = { sku_ref_id: skuRefId, name, type, entitlement_ids: granted };
    if (!existing) {
      create.mutate({ ...values, app_platform_id: platformId }, { onSuccess: onDone });
      return;
    }
    const before = { ...existing, entitlement_ids: existing.entitlements.map((e) => e.id) };
    const changes = changesOf(before, values);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate({ id: existing.id, changes }, { onSuccess: onDone });
  };
  return (
    <PanelForm title={existing ? `Edit SKU “${existing.sku_ref_id}”` : 'Add a product SKU'} onSubmit={submit}>
      <div className="form-grid">
        <Field label="Platform" name="app_platform_id" error={fieldErrorOf(error, 'app_platform_id')}>
          {(props) => (
            <select
              {...props}
              value={platformId}
              disabled={existing !== undefined}
              onChange={(e) => setPlatformId(e.target.value)}
            >
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
      <GrantsPicker
        entitlements={entitlements}
        granted={granted}
        onChange={setGranted}
        error={fieldErrorOf(error, 'entitlement_ids')}
      />
      <FormActions
        error={error}
        fields={FIELDS}
        pending={save.isPending}
        submit={existing ? 'Save SKU' : 'Add SKU'}
        onCancel={onDone}
      />
    </PanelForm>
  );
}

interface GrantsPickerProps {
  entitlements: Schemas['Entitlement'][];
  granted: string[];
  onChange: (granted: string[]) => void;
  error: string | undefined;
}

/** A checkbox per entitlement of the app: what buying the SKU grants. */
function GrantsPicker({ entitlements, granted, onChange, error }: GrantsPickerProps) {
  const errorId = useId();
  const toggle = (id: string, on: boolean) => onChange(on ? [...granted, id] : granted.filter((other) => other !== id));
  return (
    <fieldset className="checks" aria-describedby={error ? errorId : undefined}>
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
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
