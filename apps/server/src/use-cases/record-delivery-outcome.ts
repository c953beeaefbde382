import { type AttemptOutcomeColumn, anyOf, type Database, type DeliveriesTable } from '@tollgate/db';
import { type Response, retryDelayMs, type Skipped, type Verdict } from '@tollgate/integrations';
import type { Transaction, Updateable, UpdateObject } from 'kysely';
import type { Deps } from '../deps.js';

/** How long Amplitude asks a throttled id to wait when it says no more (its documented pause). */
const THROTTLE_MS = 30_000;
const EXCERPT_CHARS = 2_000;

export interface SentRequest {
  appId: string;
  integrationId: string;
  eventIds: string[];
  /** Attempts so far per event, the one just made included. */
  attempts: ReadonlyMap<string, number>;
  response: Response;
  /** What the answer means. A request of several events that is too large is sent as halves instead. */
  verdict: Verdict;
  /** A number in [0, 1) for the retry's jitter. */
  random: number;
}

/**
 * Writes what one request achieved, atomically: each event's delivery (delivered, due again
 * later, or dead with its reason), the attempt as the vendor answered it, and the
 * integration's pause or slow-down when the vendor asked for one.
 */
export async function recordDeliveryOutcome(deps: Deps, sent: SentRequest): Promise<void> {
  const now = deps.now();
  const { verdict } = sent;
  await deps.db.transaction().execute(async (trx) => {
    const set = (eventIds: string[], values: Updateable<DeliveriesTable>) =>
      updateDeliveries(trx, sent, eventIds, { ...values, last_attempt_at: now, updated_at: now });
    switch (verdict.kind) {
      case 'delivered':
        await set(sent.eventIds, { status: 'delivered', last_error: null });
        break;
      case 'dead':
      // Too large, and a single event: it cannot get smaller.
      case 'split':
        await set(sent.eventIds, { status: 'dead', last_error: verdict.reason });
        break;
      case 'partial': {
        const dead = new Set(verdict.dead.map(({ eventId }) => eventId));
        for (const { eventId, reason } of verdict.dead) {
          await set([eventId], { status: 'dead', last_error: reason });
        }
        // The rest were refused only for their neighbours' sake: again at once.
        await set(
          sent.eventIds.filter((eventId) => !dead.has(eventId)),
          { next_attempt_at: now, last_error: null },
        );
        break;
      }
      case 'pause':
        await pauseIntegration(trx, sent, now, verdict.reason);
        // Not the events' fault: the attempt does not count against them.
        await releaseIn(trx, sent, sent.eventIds, now);
        await set(sent.eventIds, { last_error: verdict.reason });
        break;
      case 'retry':
        await scheduleRetries(trx, sent, now, verdict);
        break;
    }
    await trx
      .insertInto('delivery_attempts')
      .values({
        app_id: sent.appId,
        id: deps.newId(),
        integration_id: sent.integrationId,
        event_ids: sent.eventIds,
        attempted_at: now,
        ...answerColumns(sent.response),
        outcome: attemptOutcome(verdict),
        detail: verdict.kind === 'delivered' ? null : verdict.reason,
      })
      .execute();
  });
}

async function scheduleRetries(
  trx: Transaction<Database>,
  sent: SentRequest,
  now: Date,
  verdict: Extract<Verdict, { kind: 'retry' }>,
): Promise<void> {
  const byAttempts = new Map<number, string[]>();
  for (const eventId of sent.eventIds) {
    const attempts = sent.attempts.get(eventId) ?? 1;
    byAttempts.set(attempts, [...(byAttempts.get(attempts) ?? []), eventId]);
  }
  for (const [attempts, eventIds] of byAttempts) {
    const delayMs = retryDelayMs(attempts, sent.random);
    const values =
      delayMs === null
        ? { status: 'dead' as const, last_error: `Gave up after ${attempts} attempts: ${verdict.reason}` }
        : {
            next_attempt_at: new Date(now.getTime() + Math.max(delayMs, verdict.afterMs ?? 0)),
            last_error: verdict.reason,
          };
    await updateDeliveries(trx, sent, eventIds, { ...values, last_attempt_at: now, updated_at: now });
  }
  if (verdict.throttled) {
    await trx
      .updateTable('integrations')
      .set({ throttled_until: new Date(now.getTime() + (verdict.afterMs ?? THROTTLE_MS)) })
      .where('app_id', '=', sent.appId)
      .where('id', '=', sent.integrationId)
      .execute();
  }
}

async function pauseIntegration(trx: Transaction<Database>, sent: SentRequest, now: Date, reason: string) {
  await trx
    .updateTable('integrations')
    .set({ paused_at: now, paused_reason: reason, updated_at: now })
    .where('app_id', '=', sent.appId)
    .where('id', '=', sent.integrationId)
    .execute();
}

/**
 * Hands claimed deliveries back unsent (their integration was paused or slowed down while
 * they waited): due at `at`, and the claim's attempt taken back.
 */
export async function releaseDeliveries(
  deps: Deps,
  target: { appId: string; integrationId: string },
  eventIds: string[],
  at: Date,
): Promise<void> {
  await deps.db.transaction().execute((trx) => releaseIn(trx, target, eventIds, at));
}

async function releaseIn(
  trx: Transaction<Database>,
  target: { appId: string; integrationId: string },
  eventIds: string[],
  at: Date,
): Promise<void> {
  if (eventIds.length === 0) {
    return;
  }
  await trx
    .updateTable('deliveries')
    .set((eb) => ({ attempts: eb('attempts', '-', 1), next_attempt_at: at, updated_at: at }))
    .where('app_id', '=', target.appId)
    .where('integration_id', '=', target.integrationId)
    .where(anyOf('event_id', eventIds))
    .execute();
}

/** Events the integration cannot take (the mapping said why): skipped, never retried. */
export async function recordSkipped(
  deps: Deps,
  target: { appId: string; integrationId: string },
  skipped: Skipped[],
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const { eventId, reason } of skipped) {
      await updateDeliveries(trx, target, [eventId], {
        status: 'skipped',
        last_error: reason,
        last_attempt_at: now,
        updated_at: now,
      });
    }
    await trx
      .insertInto('delivery_attempts')
      .values({
        app_id: target.appId,
        id: deps.newId(),
        integration_id: target.integrationId,
        event_ids: skipped.map(({ eventId }) => eventId),
        attempted_at: now,
        duration_ms: 0,
        http_status: null,
        outcome: 'skipped',
        detail: [...new Set(skipped.map(({ reason }) => reason))].join('; '),
        response_excerpt: null,
      })
      .execute();
  });
}

/** The attempt's columns that say how the vendor answered, or why no answer came. */
export function answerColumns(response: Response) {
  return response.kind === 'answered'
    ? {
        duration_ms: Math.round(response.durationMs),
        http_status: response.status,
        response_excerpt: response.body.slice(0, EXCERPT_CHARS),
      }
    : {
        duration_ms: Math.round(response.durationMs),
        http_status: null,
        response_excerpt: `${response.error}: ${response.message}`.slice(0, EXCERPT_CHARS),
      };
}

async function updateDeliveries(
  trx: Transaction<Database>,
  target: { appId: string; integrationId: string },
  eventIds: string[],
  values: UpdateObject<Database, 'deliveries'>,
): Promise<void> {
  if (eventIds.length === 0) {
    return;
  }
  await trx
    .updateTable('deliveries')
    .set(values)
    .where('app_id', '=', target.appId)
    .where('integration_id', '=', target.integrationId)
    .where(anyOf('event_id', eventIds))
    .execute();
}

/** How the log names what a request achieved. */
export function attemptOutcome(verdict: Verdict): AttemptOutcomeColumn {
  switch (verdict.kind) {
    case 'pause':
      return 'paused';
    case 'split':
      return 'dead';
    default:
      return verdict.kind;
  }
}
