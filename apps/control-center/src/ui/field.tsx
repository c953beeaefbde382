import { type ReactNode, useId } from 'react';

interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  name: string;
  /** The API's message for this field, shown beside it. */
  error: string | undefined;
  children: (props: ControlProps) => ReactNode;
}

/** A labelled control with its error, tied together for screen readers. */
export function Field({ label, name, error, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error !== undefined, 'aria-describedby': error ? errorId : undefined })}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
