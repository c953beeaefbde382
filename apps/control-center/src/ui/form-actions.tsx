import { formErrorOf } from './form-errors.js';

interface FormActionsProps {
  /** The failed mutation's error: what no field shows goes above the buttons. */
  error: unknown;
  /** The API's names of the fields the form shows beside their controls. */
  fields: readonly string[];
  pending: boolean;
  submit: string;
  onCancel: () => void;
}

/** A form's submit and Cancel, with what the API said that no field shows. */
export function FormActions({ error, fields, pending, submit, onCancel }: FormActionsProps) {
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
