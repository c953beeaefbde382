import { type FormEvent, useState } from 'react';
import { Field } from '../ui/field.js';
import { FormActions } from '../ui/form-actions.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { useCreateApp } from './apps.js';
import { navigate } from './router.js';

/** `/apps/new`: an app needs only a name; its Catalog opens next, to add its platforms. */
export function NewAppPage() {
  const create = useCreateApp();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name }, { onSuccess: (app) => navigate(`/apps/${app.id}/catalog`) });
  };
  return (
    <section aria-labelledby="new-app-title">
      <h1 id="new-app-title">New app</h1>
      <p className="muted">
        One app per product you sell: its platforms (App Store, Google Play, Roku), entitlements and SKUs come next, in
        its Catalog.
      </p>
      <form className="panel-form narrow" onSubmit={submit} noValidate aria-labelledby="new-app-title">
        <Field label="App name" name="name" error={fieldErrorOf(create.error, 'name')}>
          {(props) => <input {...props} value={name} placeholder="Radio" onChange={(e) => setName(e.target.value)} />}
        </Field>
        <FormActions
          error={create.error}
          fields={['name']}
          pending={create.isPending}
          submit="Create app"
          onCancel={() => navigate('/')}
        />
      </form>
    </section>
  );
}
