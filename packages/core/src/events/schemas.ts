import { z } from 'zod';
import { PRODUCT_TYPES, STORE_PLATFORMS } from '../catalog.js';
import { PERIOD_KINDS, PURCHASE_ENVIRONMENTS, PURCHASE_STATUSES } from '../snapshot.js';
import { EVENT_DESCRIPTIONS, EVENT_TYPES, type EventType } from './event-types.js';

const timestamp = z.iso.datetime({ offset: true });

const activeEntitlement = z.object({
  entitlement_ref_id: z.string(),
  name: z.string(),
  description: z.string(),
  sku_ref_id: z.string().describe('The SKU whose purchase unlocked it'),
  expiration: timestamp.nullable().describe('When access ends unless renewed; null when it does not end'),
  purchase_platform: z.enum(STORE_PLATFORMS),
  last_verified: timestamp.describe('When the store last vouched for the purchase'),
});

const customerJourneyState = z.object({
  former_subscriber: z.boolean(),
  in_account_hold: z.boolean(),
  in_grace_period: z.boolean(),
  in_trial_period: z.boolean(),
  in_intro_offer_period: z.boolean(),
  in_pause: z.boolean(),
  is_cancelled: z.boolean(),
});

const device = z.object({
  id: z.uuid(),
  platform: z.object({
    id: z.uuid().describe('The app platform'),
    name: z.string(),
    platform_type: z.enum(STORE_PLATFORMS),
    marketplace_app_id: z.string(),
  }),
});

const externalId = z.object({ key: z.string(), type: z.string(), value: z.string() });

const purchase = z
  .object({
    id: z.uuid(),
    app_platform_id: z.uuid(),
    store: z.enum(STORE_PLATFORMS),
    environment: z.enum(PURCHASE_ENVIRONMENTS),
    store_purchase_id: z.string().describe('Apple original transaction id, Google purchase token, or test-store id'),
    sku_ref_id: z.string(),
    product_type: z.enum(PRODUCT_TYPES),
    status: z.enum(PURCHASE_STATUSES),
    period_kind: z.enum(PERIOD_KINDS),
    purchased_at: timestamp,
    period_start: timestamp.nullable(),
    expires_at: timestamp.nullable(),
    auto_renew: z.boolean(),
    renews_to_sku_ref_id: z.string().nullable(),
    grace_period_ends_at: timestamp.nullable(),
    resumes_at: timestamp.nullable(),
  })
  .describe('The purchase as it stands after the change');

export const REVENUE_TYPES = ['purchase', 'renewal', 'refund', 'refund_reversal'] as const;

const transaction = z
  .object({
    id: z.uuid(),
    store_transaction_id: z.string(),
    revenue_type: z.enum(REVENUE_TYPES),
    sku_ref_id: z.string(),
    period_kind: z.enum(PERIOD_KINDS),
    amount_micros: z.int().describe('In the store currency, in millionths; negative for refunds'),
    currency: z.string().length(3),
    usd_micros: z.int().describe("In US dollar millionths at that day's rate"),
    occurred_at: timestamp,
  })
  .describe('The payment that caused the event, if one did');

/** The user payload every event carries. */
function envelope<T extends EventType>(type: T) {
  return z.object({
    id: z.uuid(),
    event_type: z.literal(type),
    event_platform: z.enum(STORE_PLATFORMS),
    created_date: timestamp,
    app_id: z.uuid(),
    user_id: z.uuid(),
    active_entitlements: z.array(activeEntitlement),
    customer_journey_state: customerJourneyState,
    devices: z.array(device),
    external_ids: z.array(externalId),
  });
}

const session = z.object({ id: z.string(), started_at: timestamp, ended_at: timestamp.nullable() });
const impression = z.object({
  id: z.string(),
  paywall_id: z.string(),
  campaign_id: z.string().nullable(),
  variant: z.string().nullable(),
  occurred_at: timestamp,
});

function schemaFor(type: EventType) {
  const base = envelope(type);
  switch (type) {
    case 'device.session.start':
    case 'device.session.end':
      return base.extend({ device_id: z.uuid(), session });
    case 'device.impression':
      return base.extend({ device_id: z.uuid(), impression });
    case 'device.transaction':
      return base.extend({
        device_id: z.uuid(),
        purchase,
        transaction: transaction.nullable(),
        campaign: z
          .object({ id: z.string(), variant: z.string() })
          .nullable()
          .describe('The campaign and variant whose paywall the purchase was made on, as the device said'),
      });
    case 'user.subscription.transferred.from':
    case 'user.subscription.transferred.to':
      return base.extend({
        purchase,
        transfer: z.object({ from_user_id: z.uuid(), to_user_id: z.uuid() }),
      });
    case 'purchase.updated':
    case 'user.journey.trial.converted':
    case 'user.journey.trial.did_not_convert':
    case 'user.journey.trial.started':
    case 'user.subscription.cancelled':
    case 'user.subscription.expired':
    case 'user.subscription.in_grace_period':
    case 'user.subscription.paused':
    case 'user.subscription.pending_sku_change':
    case 'user.subscription.purchased':
    case 'user.subscription.renewal_in_grace_period':
    case 'user.subscription.renewed':
    case 'user.subscription.resumed':
    case 'user.subscription.sku_change':
      return base.extend({ purchase, transaction: transaction.nullable() });
  }
}

/** One zod schema per event type: the JSON Schemas served by the API are made from these. */
export const EVENT_SCHEMAS = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, schemaFor(type).describe(EVENT_DESCRIPTIONS[type])]),
) as { [T in EventType]: ReturnType<typeof schemaFor> };

export type EventPayload = z.infer<ReturnType<typeof schemaFor>>;
export type PurchasePayload = z.infer<typeof purchase>;
export type TransactionPayload = z.infer<typeof transaction>;
export type DevicePayload = z.infer<typeof device>;
export type ExternalIdPayload = z.infer<typeof externalId>;

/** The JSON Schema (draft 2020-12) of one event type. */
export function eventJsonSchema(type: EventType, id: string): Record<string, unknown> {
  return { ...z.toJSONSchema(EVENT_SCHEMAS[type], { target: 'draft-2020-12' }), $id: id, title: type };
}
