/**
 * Remembers what has focus now (the button that opens a form or dialog) and returns what puts it
 * back when that closes. Focus is moved only when it was lost (the closed form held it); when the
 * opener went too (the row of what was just deleted), its section's heading takes it instead.
 */
export function rememberFocus(): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const heading = opener?.closest('section')?.querySelector<HTMLElement>('h1, h2');
  return () => {
    // After React has finished the change that closed it (and shown the opener again).
    setTimeout(() => {
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (!lost) {
        return;
      }
      if (opener?.isConnected) {
        opener.focus();
      } else if (heading?.isConnected) {
        heading.tabIndex = -1;
        heading.focus();
      }
    });
  };
}
