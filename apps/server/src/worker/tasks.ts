import type { StoreGateways } from '../intake/gateways.js';
import { reapplyNotification } from '../intake/reapply.js';
import { claimDueNotifications } from '../use-cases/claim-due-notifications.js';
import { expireLapsedTestPurchases } from '../use-cases/expire-lapsed-test-purchases.js';
import { expireSessions } from '../use-cases/expire-sessions.js';
import type { PeriodicTask } from './worker.js';

export function workerTasks(gateways: StoreGateways): PeriodicTask[] {
  return [
    {
      name: 'expire-sessions',
      everyMs: 10 * 60_000,
      async run(deps) {
        const expired = await expireSessions(deps);
        return expired > 0 ? `deleted ${expired} expired operator session(s)` : null;
      },
    },
    {
      name: 'retry-store-notifications',
      everyMs: 15_000,
      async run(deps) {
        const due = await claimDueNotifications(deps, 20);
        const outcomes = [];
        for (const notification of due) {
          outcomes.push((await reapplyNotification(deps, gateways, notification, { again: false })).outcome);
        }
        return due.length > 0 ? `retried ${due.length} store notification(s): ${outcomes.join(', ')}` : null;
      },
    },
    {
      name: 'expire-test-store-purchases',
      everyMs: 60_000,
      async run(deps) {
        const expired = await expireLapsedTestPurchases(deps, 100);
        return expired > 0 ? `expired ${expired} lapsed test-store purchase(s)` : null;
      },
    },
  ];
}
