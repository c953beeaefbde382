import { sendRequest } from '@tollgate/integrations';
import type { DeliveryConfig } from '../config.js';
import type { Deps } from '../deps.js';
import type { StoreGateways } from '../intake/gateways.js';
import { reapplyNotification } from '../intake/reapply.js';
import { type DeliveryOptions, type DeliveryRun, deliverDueEvents } from '../integrations/deliver.js';
import { acknowledgeDuePurchases } from '../use-cases/acknowledge-due-purchases.js';
import { claimDueNotifications } from '../use-cases/claim-due-notifications.js';
import { expireLapsedTestPurchases } from '../use-cases/expire-lapsed-test-purchases.js';
import { expireSessions } from '../use-cases/expire-sessions.js';
import type { PeriodicTask } from './worker.js';

/** How the worker sends: see docs/integrations.md. */
function deliveryOptions(config: DeliveryConfig): DeliveryOptions {
  return {
    send: (request) => sendRequest(request, { timeoutMs: config.timeoutMs, destinations: config.destinations }),
    random: Math.random,
    batchSize: 1000,
    // Longer than a run's sends: a failing vendor stops its run at the first failure.
    leaseMs: config.leaseMs,
    webhookConcurrency: 8,
  };
}
/** Rounds of one run while there is a backlog, so that a stop is never far away. */
const DELIVERY_ROUNDS = 50;
const DELIVERY_LANES = 2;

/** Delivery runs one after another while each finds a full batch. */
async function deliverBacklog(deps: Deps, options: DeliveryOptions): Promise<DeliveryRun> {
  const total = { claimed: 0, delivered: 0 };
  for (let round = 0; round < DELIVERY_ROUNDS; round++) {
    const run = await deliverDueEvents(deps, options);
    total.claimed += run.claimed;
    total.delivered += run.delivered;
    if (run.claimed < options.batchSize) {
      break;
    }
  }
  return total;
}

export function workerTasks(gateways: StoreGateways, delivery: DeliveryConfig): PeriodicTask[] {
  const options = deliveryOptions(delivery);
  return [
    {
      name: 'deliver-events',
      everyMs: 100,
      async run(deps) {
        // Two lanes: one sends while the other claims or records, so neither the vendor
        // nor the database waits for the other.
        const lanes = await Promise.all(Array.from({ length: DELIVERY_LANES }, () => deliverBacklog(deps, options)));
        const claimed = lanes.reduce((sum, lane) => sum + lane.claimed, 0);
        const delivered = lanes.reduce((sum, lane) => sum + lane.delivered, 0);
        return claimed > 0 ? `sent ${claimed} event(s) to integrations, ${delivered} delivered` : null;
      },
    },
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
      // Google Play refunds a purchase nobody acknowledged within three days.
      name: 'acknowledge-store-purchases',
      everyMs: 30_000,
      async run(deps) {
        const outcomes = await acknowledgeDuePurchases(deps, gateways, 50);
        return outcomes.length > 0 ? `acknowledged to the store: ${tally(outcomes)}` : null;
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

/** `acknowledged ×3, unavailable ×1`: what a run's outcomes were, for its log line. */
function tally(outcomes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  return [...counts].map(([outcome, count]) => `${outcome} ×${count}`).join(', ');
}
