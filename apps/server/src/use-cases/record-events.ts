import { type EventType, eventEnvelope, type StorePlatform, type UserSnapshot } from '@tollgate/core';
import type { Database } from '@tollgate/db';
import type { Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { type Attribution, countCampaignResults } from './count-campaign-results.js';
import { queueDeliveries } from './queue-deliveries.js';

export interface EventToRecord {
  type: EventType;
  /** The event's own fields, beside the user payload every event carries. */
  fields: Record<string, unknown>;
  purchaseId?: string | null;
  deviceId?: string | null;
}

export interface RecordedEvent {
  id: string;
  type: EventType;
}

/**
 * Writes events, and their deliveries to the app's integrations, in the caller's transaction,
 * so that an event exists exactly when the change it tells was committed. Every event carries
 * the user as they are after it.
 */
export async function recordEvents(
  trx: Transaction<Database>,
  deps: Deps,
  input: {
    user: UserSnapshot;
    platform: StorePlatform;
    events: readonly EventToRecord[];
    /** The campaign and variant a purchase among the events was made under, as its device said. */
    attribution?: Attribution | null;
  },
): Promise<RecordedEvent[]> {
  if (input.events.length === 0) {
    return [];
  }
  const at = deps.now();
  const recorded = input.events.map((event) => ({ event, id: deps.newId() }));
  await trx
    .insertInto('events')
    .values(
      recorded.map(({ event, id }) => ({
        app_id: input.user.appId,
        id,
        user_id: input.user.userId,
        type: event.type,
        platform: input.platform,
        purchase_id: event.purchaseId ?? null,
        device_id: event.deviceId ?? null,
        app_platform_id: appPlatformOf(input.user, event),
        payload: JSON.stringify({
          ...eventEnvelope(event.type, { id, at, platform: input.platform, user: input.user }),
          ...event.fields,
        }),
        created_at: at,
      })),
    )
    .execute();
  await queueDeliveries(
    trx,
    input.user.appId,
    recorded.map(({ id }) => id),
  );
  await countCampaignResults(trx, input.user, input.events, { at, attribution: input.attribution ?? null });
  return recorded.map(({ event, id }) => ({ id, type: event.type }));
}

/** The app platform an event belongs to: its purchase's, or else its device's. */
function appPlatformOf(user: UserSnapshot, event: EventToRecord): string | null {
  const purchase = event.fields.purchase as { app_platform_id?: string } | undefined;
  return purchase?.app_platform_id ?? user.devices.find((device) => device.id === event.deviceId)?.platform.id ?? null;
}
