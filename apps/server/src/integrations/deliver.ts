import type { EventType } from '@tollgate/core';
import { anyOf } from '@tollgate/db';
import type { OutgoingEvent, OutgoingRequest, PreparedRequest, Response } from '@tollgate/integrations';
import type { Deps } from '../deps.js';
import { type SendableIntegration, sendableIntegration } from '../queries/sendable-integration.js';
import { type ClaimedDelivery, claimDueDeliveries } from '../use-cases/claim-due-deliveries.js';
import { recordDeliveryOutcome, recordSkipped, releaseDeliveries } from '../use-cases/record-delivery-outcome.js';
import { prepareRequests, verdictOn } from './vendors.js';

const THROTTLE_MS = 30_000;
const FAILURE_PAUSE_MS = 5_000;

export interface DeliveryOptions {
  send: (request: OutgoingRequest) => Promise<Response>;
  /** A number in [0, 1): the jitter of retries. */
  random: () => number;
  /** How many due deliveries one run claims. */
  batchSize: number;
  /** How long a claim keeps others off: longer than a send can take, timeout included. */
  leaseMs: number;
  /** Webhooks go one event per request: how many requests at once, per integration. */
  webhookConcurrency: number;
}

export interface DeliveryRun {
  claimed: number;
  delivered: number;
}

/**
 * One run of the delivery worker: claim due deliveries, send them per integration in the
 * vendor's batches, and record what each vendor answered. Integrations are served side by
 * side; a pause or a slow-down from one stops only its own sends.
 */
export async function deliverDueEvents(deps: Deps, options: DeliveryOptions): Promise<DeliveryRun> {
  const claimed = await claimDueDeliveries(deps, { limit: options.batchSize, leaseMs: options.leaseMs });
  const byIntegration = new Map<string, ClaimedDelivery[]>();
  for (const claim of claimed) {
    const key = `${claim.app_id}/${claim.integration_id}`;
    byIntegration.set(key, [...(byIntegration.get(key) ?? []), claim]);
  }
  const delivered = await Promise.all([...byIntegration.values()].map((claims) => deliver(deps, options, claims)));
  return { claimed: claimed.length, delivered: delivered.reduce((sum, count) => sum + count, 0) };
}

async function deliver(deps: Deps, options: DeliveryOptions, claims: ClaimedDelivery[]): Promise<number> {
  const [first] = claims;
  if (!first) {
    return 0;
  }
  const target = { appId: first.app_id, integrationId: first.integration_id };
  const integration = await sendableIntegration(deps, target.appId, target.integrationId);
  if (!integration) {
    // Deleted since the claim: its deliveries went with it.
    return 0;
  }
  const events = await storedEvents(
    deps,
    target.appId,
    claims.map((claim) => claim.event_id),
  );
  const attempts = new Map(claims.map((claim) => [claim.event_id, claim.attempts]));
  const { requests, skipped } = prepareRequests(integration, events, deps.now());
  if (skipped.length > 0) {
    await recordSkipped(deps, target, skipped);
  }
  const queue = [...requests];
  let stoppedUntil: Date | null = null;
  let delivered = 0;
  const sendNext = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined && stoppedUntil === null; next = queue.shift()) {
      const response = await options.send(next.request);
      const verdict = verdictOn(integration.kind, response, next);
      if (verdict.kind === 'split' && next.eventIds.length > 1) {
        queue.unshift(...halves(integration, events, next, deps.now()));
        continue;
      }
      await recordDeliveryOutcome(deps, {
        ...target,
        eventIds: next.eventIds,
        attempts,
        response,
        verdict,
        random: options.random(),
      });
      if (verdict.kind === 'delivered') {
        delivered += next.eventIds.length;
      } else if (verdict.kind === 'pause') {
        stoppedUntil = deps.now();
      } else if (verdict.kind === 'retry') {
        // A vendor that failed or asked to slow down gets nothing more in this run: the rest
        // wait, without an attempt counted, rather than each failing in turn.
        const waitMs = verdict.afterMs ?? (verdict.throttled ? THROTTLE_MS : FAILURE_PAUSE_MS);
        stoppedUntil = new Date(deps.now().getTime() + waitMs);
      }
    }
  };
  const lanes = integration.kind === 'webhook' ? options.webhookConcurrency : 1;
  await Promise.all(Array.from({ length: lanes }, sendNext));
  const unsent = queue.flatMap((request) => request.eventIds);
  if (stoppedUntil !== null && unsent.length > 0) {
    await releaseDeliveries(deps, target, unsent, stoppedUntil);
  }
  return delivered;
}

/** A request the vendor found too large, as two requests of half its events each. */
function halves(
  integration: SendableIntegration,
  events: OutgoingEvent[],
  request: PreparedRequest,
  now: Date,
): PreparedRequest[] {
  const middle = Math.ceil(request.eventIds.length / 2);
  return [request.eventIds.slice(0, middle), request.eventIds.slice(middle)].flatMap((eventIds) => {
    const wanted = new Set(eventIds);
    return prepareRequests(
      integration,
      events.filter((event) => wanted.has(event.id)),
      now,
    ).requests;
  });
}

async function storedEvents(deps: Deps, appId: string, eventIds: string[]): Promise<OutgoingEvent[]> {
  const rows = await deps.db
    .selectFrom('events')
    .select(['id', 'type', 'payload'])
    .where('app_id', '=', appId)
    .where(anyOf('id', eventIds))
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type as EventType,
    payload: row.payload as OutgoingEvent['payload'],
  }));
}
