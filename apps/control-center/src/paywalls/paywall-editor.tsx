import { type FormEvent, useState } from 'react';
import { isApiError } from '../api/client.js';
import { useLeaveGuard } from '../app/router.js';
import { Field } from '../ui/field.js';
import { fieldErrorOf, formErrorOf } from '../ui/form-errors.js';
import { sameJson } from '../ui/same-json.js';
import { Switch } from '../ui/switch.js';
import { contentToSave, newContent } from './content.js';
import { CopyFields } from './copy-fields.js';
import { ImageSlots } from './image-slots.js';
import { PaywallPreview } from './paywall-preview.js';
import { ProductOffers } from './product-offers.js';
import { type Paywall, type PaywallContent, useCreatePaywall, usePublishPaywall, useUpdatePaywall } from './queries.js';
import { TemplatePicker } from './template-picker.js';
import { Versions } from './versions.js';

/** The API's names of what the form shows beside its fields: the rest of what it says goes above the buttons. */
const FIELDS = [
  'name',
  'content.template',
  'content.default_locale',
  'content.copy',
  'content.images',
  'content.dismissible',
  'content.products',
];

interface Props {
  appId: string;
  /** The paywall to edit; none for a new one. */
  existing: Paywall | undefined;
  onCreated: (paywall: Paywall) => void;
}

/** A paywall's draft, with the live preview of what is typed; saving, publishing and its versions. */
export function PaywallEditor({ appId, existing, onCreated }: Props) {
  const [name, setName] = useState(existing?.name ?? '');
  const [content, setContent] = useState<PaywallContent>(existing?.draft ?? newContent());
  const [notice, setNotice] = useState('');
  const create = useCreatePaywall(appId);
  const update = useUpdatePaywall(appId, existing?.id ?? '');
  const publish = usePublishPaywall(appId, existing?.id ?? '');
  const save = existing ? update : create;
  const error = save.error;
  const body = { name, content: contentToSave(content) };
  const unsaved = !existing || !sameJson(body, { name: existing.name, content: existing.draft });
  // A new paywall is worth asking about once something was typed into it.
  const typed = existing ? unsaved : !sameJson(body, { name: '', content: contentToSave(newContent()) });
  const edit = (next: PaywallContent) => {
    setNotice('');
    setContent(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!existing) {
      create.mutate(body, {
        onSuccess: (paywall) => {
          setNotice('Paywall created as a draft: devices see it once it is published.');
          onCreated(paywall);
        },
      });
    } else if (unsaved) {
      update.mutate(body, { onSuccess: () => setNotice('Draft saved. Devices see it once it is published.') });
    } else {
      setNotice('No changes to save.');
    }
  };
  const publishDraft = async () => {
    publish.reset();
    // What is published is the saved draft: save what was typed first.
    if (unsaved && !(await update.mutateAsync(body).catch(() => null))) {
      return;
    }
    publish.mutate(undefined, {
      onSuccess: (paywall) => setNotice(`Published version ${paywall.published_version}: devices see it now.`),
    });
  };
  const formError = formErrorOf(error, FIELDS);
  const busy = save.isPending || publish.isPending;
  useLeaveGuard(typed && !busy, 'Leave this paywall? What you changed since it was saved will be lost.');

  return (
    <div className="editor">
      <form className="editor-form" onSubmit={submit} noValidate aria-labelledby="paywall-title">
        <Field label="Name" name="name" error={fieldErrorOf(error, 'name')}>
          {(props) => (
            <input {...props} value={name} placeholder="Onboarding" onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <TemplatePicker
          value={content.template}
          onChange={(template) => edit({ ...content, template })}
          error={fieldErrorOf(error, 'content.template')}
        />
        <Switch checked={content.dismissible} onChange={(dismissible) => edit({ ...content, dismissible })}>
          Dismissible: the user can close it without buying
        </Switch>
        <CopyFields content={content} onChange={edit} error={error} />
        <ImageSlots appId={appId} content={content} onChange={edit} error={error} />
        <ProductOffers appId={appId} content={content} onChange={edit} error={error} />
        <div className="editor-actions">
          {formError ? (
            <p className="form-error" role="alert">
              {formError}
            </p>
          ) : null}
          {publish.isError ? (
            <p className="form-error" role="alert">
              Not published. {isApiError(publish.error) ? publish.error.message : 'Could not reach the server.'}
            </p>
          ) : null}
          <p className="muted small" aria-live="polite">
            {notice || (existing && unsaved ? 'Unsaved changes.' : '')}
          </p>
          <div className="actions">
            <button type="submit" className={existing ? undefined : 'primary'} disabled={busy}>
              {save.isPending ? 'Saving…' : existing ? 'Save draft' : 'Create paywall'}
            </button>
            {existing ? (
              <button type="button" className="primary" disabled={busy} onClick={() => void publishDraft()}>
                {publish.isPending ? 'Publishing…' : 'Publish'}
              </button>
            ) : null}
          </div>
        </div>
      </form>
      <PaywallPreview appId={appId} content={content} />
      {existing ? (
        <Versions
          appId={appId}
          paywall={existing}
          onRestored={(paywall) => {
            setName(paywall.name);
            setContent(paywall.draft);
            setNotice(`Published version ${paywall.published_version}, restored from an earlier one.`);
          }}
        />
      ) : null}
    </div>
  );
}
