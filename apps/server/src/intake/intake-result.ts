import type { ApplyStoreNotificationResult } from '../use-cases/apply-store-notification.js';

/** What Tollgate answers a store, whichever store it is. */
export type IntakeResult =
  /** Not verified, or not for this platform: stored nowhere but the log. */
  | { outcome: 'rejected'; status: 400 | 401 | 503; code: string; detail: string }
  /** Delivered before and finished then: nothing changes, nothing is emitted. */
  | { outcome: 'duplicate'; notificationId: string }
  | { outcome: 'applied' | 'unchanged' | 'stale'; notificationId: string; events: string[] }
  | { outcome: 'ignored'; notificationId: string; why: string }
  /** Stored, but could not be applied now (the store's API failed): the store should retry. */
  | { outcome: 'deferred'; notificationId: string; detail: string };

export function fromApplied(notificationId: string, result: ApplyStoreNotificationResult): IntakeResult {
  switch (result.outcome) {
    case 'applied':
      return {
        outcome: result.applied.outcome,
        notificationId,
        events: result.applied.events.map((event) => event.type),
      };
    case 'ignored':
      return { outcome: 'ignored', notificationId, why: result.why };
    case 'already_done':
      return { outcome: 'duplicate', notificationId };
  }
}
