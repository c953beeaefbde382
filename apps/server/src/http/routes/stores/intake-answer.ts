import { z } from 'zod';
import type { IntakeResult } from '../../../intake/intake-result.js';
import { Problem } from '../../problem.js';
import { id } from '../../schemas.js';

export const intakeAnswer = z.object({
  outcome: z
    .enum(['applied', 'unchanged', 'stale', 'ignored', 'duplicate'])
    .describe('stale: older than what was applied (its money is still booked); duplicate: delivered before'),
  notification_id: id,
  events: z.array(z.string()).describe('The events it caused, in order'),
  reason: z.string().nullable().describe('Why it was ignored'),
});

export const storeParams = z.strictObject({ appPlatformId: id });

/** 200 once the notification is kept (and applied); a problem the store should see otherwise. */
export function answerStore(result: IntakeResult): z.infer<typeof intakeAnswer> {
  switch (result.outcome) {
    case 'rejected':
      throw new Problem(result.status, result.code, result.detail);
    case 'deferred':
      // Kept; the store retries, and the worker retries too.
      throw new Problem(503, 'store_api_unavailable', result.detail);
    case 'duplicate':
      return { outcome: 'duplicate', notification_id: result.notificationId, events: [], reason: null };
    case 'ignored':
      return { outcome: 'ignored', notification_id: result.notificationId, events: [], reason: result.why };
    case 'applied':
    case 'unchanged':
    case 'stale':
      return { outcome: result.outcome, notification_id: result.notificationId, events: result.events, reason: null };
  }
}

export function platformNotFound(appPlatformId: string, store: string): Problem {
  return new Problem(404, 'app_platform_not_found', `There is no ${store} app platform ${appPlatformId}`);
}
