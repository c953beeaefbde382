import { useState } from 'react';
import type { Schemas } from '../api/client.js';
import { changesOf } from '../ui/changes.js';
import { Field } from '../ui/field.js';
import { FormActions } from '../ui/form-actions.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { PanelForm } from '../ui/panel-form.js';
import { useCreateEntitlement, useUpdateEntitlement } from './queries.js';

const FIELDS = ['entitlement_ref_id', 'name', 'description'] as const;

interface Props {
  appId: string;
  /** The entitlement to edit; none to add one. */
  existing?: Schemas['Entitlement'];
  onDone: () => void;
}

export function EntitlementForm({ appId, existing, onDone }: Props) {
  const create = useCreateEntitlement(appId);
  const update = useUpdateEntitlement(appId);
  const save = existing ? update : create;
  const [refId, setRefId] = useState(existing?.entitlement_ref_id ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const error = save.error;

  const submit = () => {
    const values = { entitlement_ref_id: refId, name, description };
    if (!existing) {
      create.mutate(values, { onSuccess: onDone });
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
    <PanelForm
      title={existing ? `Edit entitlement “${existing.entitlement_ref_id}”` : 'Add an entitlement'}
      onSubmit={submit}
    >
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
      {existing && refId !== existing.entitlement_ref_id ? (
        <p className="hint">
          Apps check for the entitlement ID: those still checking for “{existing.entitlement_ref_id}” will not find it.
        </p>
      ) : null}
      <FormActions
        error={error}
        fields={FIELDS}
        pending={save.isPending}
        submit={existing ? 'Save entitlement' : 'Add entitlement'}
        onCancel={onDone}
      />
    </PanelForm>
  );
}
