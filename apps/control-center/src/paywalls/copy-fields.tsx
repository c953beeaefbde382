import { type FormEvent, useId, useState } from 'react';
import { isApiError } from '../api/client.js';
import { Field } from '../ui/field.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { type Copy, emptyCopy, LOCALE_PATTERN } from './content.js';
import type { PaywallContent } from './queries.js';

interface Props {
  content: PaywallContent;
  onChange: (content: PaywallContent) => void;
  /** The failed save's error: its messages show beside the fields they name (`content.copy.en.title`). */
  error: unknown;
}

/** The default language and the copy in each language: devices get theirs, or the default's. */
export function CopyFields({ content, onChange, error }: Props) {
  const locales = Object.keys(content.copy);
  const setCopy = (locale: string, copy: Copy) => onChange({ ...content, copy: { ...content.copy, [locale]: copy } });
  const remove = (locale: string) => {
    const { [locale]: _removed, ...rest } = content.copy;
    onChange({ ...content, copy: rest });
  };
  return (
    <section aria-labelledby="copy-title">
      <h2 id="copy-title">Copy</h2>
      <div className="form-grid">
        <Field label="Default language" name="default_locale" error={fieldErrorOf(error, 'content.default_locale')}>
          {(props) => (
            <select
              {...props}
              value={content.default_locale}
              onChange={(e) => onChange({ ...content, default_locale: e.target.value })}
            >
              {locales.map((locale) => (
                <option key={locale} value={locale}>
                  {locale}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AddLocale locales={locales} onAdd={(locale) => setCopy(locale, emptyCopy())} />
      </div>
      {locales.map((locale) => (
        <LocaleCopy
          key={locale}
          locale={locale}
          isDefault={locale === content.default_locale}
          copy={content.copy[locale] ?? emptyCopy()}
          onChange={(copy) => setCopy(locale, copy)}
          onRemove={() => remove(locale)}
          error={error}
        />
      ))}
    </section>
  );
}

interface LocaleCopyProps {
  locale: string;
  isDefault: boolean;
  copy: Copy;
  onChange: (copy: Copy) => void;
  onRemove: () => void;
  error: unknown;
}

function LocaleCopy({ locale, isDefault, copy, onChange, onRemove, error }: LocaleCopyProps) {
  const path = `content.copy.${locale}`;
  // Said of the language as a whole (its tag, or the default's copy missing), not of one field.
  const localeError = isApiError(error) ? error.fieldError(path) : undefined;
  const text = (key: keyof Copy) => ({
    value: copy[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...copy, [key]: e.target.value }),
  });
  return (
    <fieldset className="locale-copy">
      <legend>
        Copy · {locale}
        {isDefault ? ' (default)' : ''}
      </legend>
      {localeError ? <p className="field-error">{localeError}</p> : null}
      <Field label="Title" name="title" error={fieldErrorOf(error, `${path}.title`)}>
        {(props) => <input {...props} {...text('title')} />}
      </Field>
      <Field label="Body" name="body" error={fieldErrorOf(error, `${path}.body`)}>
        {(props) => <textarea {...props} rows={3} {...text('body')} />}
      </Field>
      <Field label="Call to action" name="call_to_action" error={fieldErrorOf(error, `${path}.call_to_action`)}>
        {(props) => <input {...props} placeholder="Continue" {...text('call_to_action')} />}
      </Field>
      <Field label="Legal text" name="legal_text" error={fieldErrorOf(error, `${path}.legal_text`)}>
        {(props) => <textarea {...props} rows={2} {...text('legal_text')} />}
      </Field>
      {isDefault ? (
        <p className="muted small">The default language cannot be removed: choose another default first.</p>
      ) : (
        <button type="button" className="danger-button" onClick={onRemove}>
          Remove {locale}
        </button>
      )}
    </fieldset>
  );
}

/** A language tag to add copy for, checked as the API checks it. */
function AddLocale({ locales, onAdd }: { locales: string[]; onAdd: (locale: string) => void }) {
  const id = useId();
  const [tag, setTag] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = (event: FormEvent | { preventDefault: () => void }) => {
    event.preventDefault();
    const locale = tag.trim();
    if (!LOCALE_PATTERN.test(locale)) {
      setProblem('Use a language tag such as “fr” or “pt-BR”');
    } else if (locales.includes(locale)) {
      setProblem(`There is copy for ${locale} already`);
    } else {
      setProblem(null);
      setTag('');
      onAdd(locale);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>Add a language</label>
      <div className="inline-field">
        <input
          id={id}
          value={tag}
          placeholder="fr"
          size={8}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(e) => setTag(e.target.value)}
          // Enter adds it: this sits inside the paywall's form, which Enter must not save.
          onKeyDown={(e) => e.key === 'Enter' && add(e)}
        />
        <button type="button" onClick={add}>
          Add language
        </button>
      </div>
      {problem ? (
        <p className="field-error" id={`${id}-error`}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}
