import { STORE_PLATFORMS } from '@tollgate/core';
import type { StoreNotification } from '@tollgate/db';
import { z } from 'zod';
import { id, timestamp } from '../../schemas.js';

export const STORE_NOTIFICATION_STATUSES = ['received', 'applied', 'ignored', 'failed'] as const;

export const storeNotificationSchema = z
  .object({
    id,
    app_platform_id: id,
    store: z.enum(STORE_PLATFORMS),
    store_notification_id: z.string().describe('Apple notificationUUID or Pub/Sub messageId'),
    notification_type: z.string(),
    subtype: z.string().nullable(),
    environment: z.string().nullable(),
    signed_at: timestamp.nullable(),
    status: z.enum(STORE_NOTIFICATION_STATUSES),
    outcome: z.string().nullable().describe('What applying it did, or why it was ignored'),
    attempts: z.int(),
    last_error: z.string().nullable(),
    next_attempt_at: timestamp.nullable(),
    purchase_id: id.nullable(),
    received_at: timestamp,
    applied_at: timestamp.nullable(),
  })
  .meta({ id: 'StoreNotification' });

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentStoreNotification(row: StoreNotification): z.infer<typeof storeNotificationSchema> {
  return {
    id: row.id,
    app_platform_id: row.app_platform_id,
    store: row.store,
    store_notification_id: row.store_notification_id,
    notification_type: row.notification_type,
    subtype: row.subtype,
    environment: row.environment,
    signed_at: iso(row.signed_at),
    status: row.status,
    outcome: row.outcome,
    attempts: row.attempts,
    last_error: row.last_error,
    next_attempt_at: iso(row.next_attempt_at),
    purchase_id: row.purchase_id,
    received_at: row.received_at.toISOString(),
    applied_at: iso(row.applied_at),
  };
}

export const storeNotificationParams = z.strictObject({ appId: id, notificationId: id });
