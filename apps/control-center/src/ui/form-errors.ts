import { isApiError } from '../api/client.js';

/**
 * The API's message for a field of a form, from a failed mutation: the field itself or one of its
 * items (`event_types.3`, `entitlement_ids.0`).
 */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) {
    return undefined;
  }
  return error.problem?.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
}

/**
 * What to say above the submit button: the problem's detail when none of its errors names a field the
 * form shows (a conflict, a lost connection), so nothing the API said is left unseen.
 */
export function formErrorOf(error: unknown, fields: readonly string[]): string | null {
  if (!error) {
    return null;
  }
  if (!isApiError(error)) {
    return 'Could not reach the server. Check your connection and try again.';
  }
  const shown = (error.problem?.errors ?? []).some((e) =>
    fields.some((field) => e.field === field || e.field.startsWith(`${field}.`)),
  );
  return shown ? 'Fix the fields marked above.' : error.message;
}
