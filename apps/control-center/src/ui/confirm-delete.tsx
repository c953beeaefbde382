import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { isApiError } from '../api/client.js';
import { rememberFocus } from './focus.js';

/** The state of the deletion a dialog sends: a mutation's, reset when the dialog closes. */
interface Deletion {
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

/** When the API refuses because others depend on it, and says `force` would take them along. */
interface ForceOffer {
  /** The problem code of that refusal (`entitlement_in_use`). */
  code: string;
  /** What the second button does, plainly: "Remove it from those SKUs and delete". */
  label: string;
}

interface ConfirmDeleteProps {
  /** The button's visible text. */
  button?: string;
  /** What goes, as a person says it: `entitlement “gold”`. Names the button and titles the dialog. */
  what: string;
  /** What is lost with it, said before anything is sent. */
  children: ReactNode;
  deletion: Deletion;
  onDelete: (options: { force: boolean }) => void;
  force?: ForceOffer;
}

/**
 * A Delete button that first asks, in a modal dialog naming what is lost; the API's refusal shows in
 * the dialog, and when the refusal is one `force` overrides, a second, plainly labelled button offers it.
 */
export function ConfirmDelete({ button = 'Delete', what, children, deletion, onDelete, force }: ConfirmDeleteProps) {
  const [open, setOpen] = useState(false);
  const close = () => {
    deletion.reset();
    setOpen(false);
  };
  return (
    <>
      <button
        type="button"
        className="danger-button"
        // A bare "Delete" on a row tells a screen reader what it deletes.
        aria-label={button === 'Delete' ? `Delete ${what}` : undefined}
        onClick={() => setOpen(true)}
      >
        {button}
      </button>
      {open ? (
        <ConfirmDialog what={what} deletion={deletion} onDelete={onDelete} force={force} onClose={close}>
          {children}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function ConfirmDialog({
  what,
  children,
  deletion,
  onDelete,
  force,
  onClose,
}: Omit<ConfirmDeleteProps, 'button'> & { onClose: () => void }) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [restoreFocus] = useState(rememberFocus);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) {
      dialog.current.showModal();
    }
    // The safe choice has focus: Enter on an opened dialog must not delete.
    cancel.current?.focus();
    return restoreFocus;
  }, [restoreFocus]);

  const refusal = isApiError(deletion.error) ? deletion.error : null;
  const offerForce = force !== undefined && refusal?.problem?.code === force.code;
  return (
    <dialog ref={dialog} className="dialog dialog-confirm" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Delete {what}?</h2>
      <div className="consequences">{children}</div>
      {deletion.error ? (
        <div className="refusal" role="alert">
          <p>
            <strong>Not deleted.</strong>{' '}
            {refusal ? refusal.message : 'Could not reach the server. Check your connection and try again.'}
          </p>
        </div>
      ) : null}
      <div className="actions">
        {offerForce ? (
          <button
            type="button"
            className="danger"
            disabled={deletion.isPending}
            onClick={() => onDelete({ force: true })}
          >
            {deletion.isPending ? 'Deleting…' : force.label}
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={deletion.isPending}
            onClick={() => onDelete({ force: false })}
          >
            {deletion.isPending ? 'Deleting…' : `Delete ${what}`}
          </button>
        )}
        <button ref={cancel} type="button" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
