import { z } from 'zod';
import type { DeliveryRow } from '../../../queries/deliveries.js';
import { id, timestamp } from '../../schemas.js';

export const integrationParams = z.strictObject({ appId: id, integrationId: id });
export const deliveryParams = z.strictObject({ appId: id, integrationId: id, eventId: id });
export const eventParams = z.strictObject({ appId: id, eventId: id });

const DELIVERY_STATUSES = ['pending', 'delivered', 'skipped', 'dead'] as const;
const status = z
  .enum(DELIVERY_STATUSES)
  .describe(
    'pending: on its way (or waiting for a retry); delivered; skipped: the vendor cannot take it; dead: given up',
  );

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const attemptSchema = z
  .object({
    id,
    attempted_at: timestamp,
    test: z.boolean().describe('A "send test event", not a delivery'),
    event_ids: z.array(id).describe('The events the request carried'),
    duration_ms: z.int(),
    http_status: z.int().nullable().describe('Null when no answer came (timeout, connection error)'),
    outcome: z.enum(['delivered', 'retry', 'partial', 'dead', 'paused', 'skipped']),
    detail: z.string().nullable(),
    response_excerpt: z.string().nullable().describe("The start of the vendor's answer, or the error"),
  })
  .meta({ id: 'DeliveryAttempt' });

export function presentAttempt(row: {
  id: string;
  attempted_at: Date;
  is_test: boolean;
  event_ids: string[];
  duration_ms: number;
  http_status: number | null;
  outcome: z.infer<typeof attemptSchema>['outcome'];
  detail: string | null;
  response_excerpt: string | null;
}): z.infer<typeof attemptSchema> {
  return {
    id: row.id,
    attempted_at: row.attempted_at.toISOString(),
    test: row.is_test,
    event_ids: row.event_ids,
    duration_ms: row.duration_ms,
    http_status: row.http_status,
    outcome: row.outcome,
    detail: row.detail,
    response_excerpt: row.response_excerpt,
  };
}

const deliveryState = {
  status,
  attempts: z.int(),
  next_attempt_at: timestamp.nullable().describe('When a pending delivery goes (again); null otherwise'),
  last_attempt_at: timestamp.nullable(),
  last_error: z.string().nullable().describe('Why it is dead or skipped, or why the last attempt failed'),
};

export const deliverySchema = z
  .object({
    event_id: id,
    event_type: z.string(),
    user_id: id,
    event_created_at: timestamp,
    ...deliveryState,
  })
  .meta({ id: 'Delivery' });

export function stateOf(
  row: Pick<DeliveryRow, 'status' | 'attempts' | 'next_attempt_at' | 'last_attempt_at' | 'last_error'>,
) {
  return {
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    last_attempt_at: iso(row.last_attempt_at),
    last_error: row.last_error,
  };
}

export function presentDelivery(row: DeliveryRow): z.infer<typeof deliverySchema> {
  return {
    event_id: row.id,
    event_type: row.event_type,
    user_id: row.user_id,
    event_created_at: row.event_created_at.toISOString(),
    ...stateOf(row),
  };
}

export const deliveryStatusQuery = z.strictObject({
  status: status.optional().describe('Only deliveries in this status'),
});

export const eventDeliverySchema = z
  .object({
    integration_id: id,
    kind: z.enum(['amplitude', 'mparticle', 'webhook']),
    name: z.string(),
    ...deliveryState,
    requests: z
      .array(
        attemptSchema.pick({
          id: true,
          attempted_at: true,
          duration_ms: true,
          http_status: true,
          outcome: true,
          detail: true,
        }),
      )
      .describe('The requests that carried the event, oldest first'),
  })
  .meta({ id: 'EventDelivery' });

export const replayInput = z
  .strictObject({
    statuses: z
      .array(z.enum(['dead', 'delivered', 'skipped']))
      .min(1)
      .default(['dead'])
      .describe('Which deliveries to send again (default: the dead ones)'),
    from: timestamp.optional().describe('Only events that happened at or after this time'),
    to: timestamp.optional().describe('Only events that happened before this time'),
  })
  .refine((body) => body.from === undefined || body.to === undefined || Date.parse(body.from) < Date.parse(body.to), {
    message: 'Must be after from',
    path: ['to'],
  });

export const replayResult = z.object({ replayed: z.int().describe('How many deliveries were queued again') });

export const testResult = z
  .object({
    outcome: z
      .enum(['delivered', 'retry', 'split', 'partial', 'dead', 'pause'])
      .describe("What the vendor's answer means"),
    detail: z.string().nullable(),
    http_status: z.int().nullable(),
    response_excerpt: z.string().nullable(),
    duration_ms: z.int(),
  })
  .meta({ id: 'TestSendResult' });
