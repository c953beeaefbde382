import { useId } from 'react';
import { TEMPLATES, type Template } from './content.js';

interface Props {
  value: Template;
  onChange: (template: Template) => void;
  error: string | undefined;
}

/** One radio per built-in layout, each with what it shows. */
export function TemplatePicker({ value, onChange, error }: Props) {
  const id = useId();
  return (
    <fieldset className="template-picker" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Template</legend>
      {TEMPLATES.map((template) => (
        <label key={template.key} className="template-choice">
          <input
            type="radio"
            name={`${id}-template`}
            value={template.key}
            checked={value === template.key}
            onChange={() => onChange(template.key)}
          />
          <span>
            <strong>{template.name}</strong>
            <span className="muted small"> {template.description}</span>
          </span>
        </label>
      ))}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
