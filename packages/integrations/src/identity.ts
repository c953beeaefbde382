import type { EventPayload } from '@tollgate/core';
import type { IdChoice } from './types.js';

const ID_NAMES = { external_id: 'External ID', user_id: 'Nami User ID' } as const satisfies Record<IdChoice, string>;

/** The id the vendor knows the user by, or why the user has none (the event is then skipped, not retried). */
export function vendorUserId(payload: EventPayload, choice: IdChoice): { id: string } | { reason: string } {
  const id =
    choice === 'user_id'
      ? payload.user_id
      : payload.external_ids.find((externalId) => externalId.key === 'external_id')?.value;
  if (id === undefined) {
    return { reason: `the user has no ${ID_NAMES[choice]}` };
  }
  if (id.trim() === '') {
    return { reason: `the user's ${ID_NAMES[choice]} is empty` };
  }
  return { id };
}
