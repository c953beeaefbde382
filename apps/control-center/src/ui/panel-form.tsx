import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { rememberFocus } from './focus.js';

interface PanelFormProps {
  title: string;
  onSubmit: () => void;
  children: ReactNode;
}

/**
 * A form that opens in place (add, edit, rename): its first field takes focus, and on closing focus
 * goes back to the button that opened it, so keyboard users are never left at the top of the page.
 */
export function PanelForm({ title, onSubmit, children }: PanelFormProps) {
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);
  // Taken while rendering the first time, when the opener still has focus.
  const [restoreFocus] = useState(rememberFocus);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>(':is(input, select, textarea):not(:disabled)')?.focus();
    return restoreFocus;
  }, [restoreFocus]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form ref={form} className="panel-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      {children}
    </form>
  );
}
