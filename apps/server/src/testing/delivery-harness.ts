import { sendRequest } from '@tollgate/integrations';
import { type DeliveryOptions, deliverDueEvents } from '../integrations/deliver.js';
import type { TestServer } from './test-server.js';

/** The worker's delivery runs, on demand, with a short timeout and no jitter. */
export function deliveryWorker(server: () => TestServer, overrides: Partial<DeliveryOptions> = {}) {
  const options: DeliveryOptions = {
    // The fakes listen on 127.0.0.1.
    send: (request) => sendRequest(request, { timeoutMs: 500, destinations: 'any' }),
    random: () => 0.5,
    batchSize: 500,
    leaseMs: 60_000,
    webhookConcurrency: 4,
    ...overrides,
  };
  let claimed = 0;
  return {
    /** One run, as the worker's task makes it. */
    async run() {
      claimed = (await deliverDueEvents(server().deps, options)).claimed;
    },
    /** How many deliveries the last run claimed. */
    claimedLast: () => claimed,
  };
}

/** An integration's deliveries, oldest event first. */
export function deliveriesOf(server: TestServer, appId: string, integrationId: string) {
  return server.database.db
    .selectFrom('deliveries')
    .selectAll()
    .where('app_id', '=', appId)
    .where('integration_id', '=', integrationId)
    .orderBy('event_id')
    .execute();
}
