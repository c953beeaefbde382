import { PURCHASE_ENVIRONMENTS, pseudonym, REVENUE_TYPES, STORE_PLATFORMS } from '@tollgate/core';
import { z } from 'zod';
import type { CustomerDetail } from '../../../queries/customer-detail.js';
import type { CustomerRow, EventRow, RevenueRow } from '../../../queries/customers.js';
import { Problem } from '../../problem.js';
import { id, timestamp } from '../../schemas.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const customerParams = z.strictObject({ appId: id, userId: id });
export const customerEventParams = z.strictObject({ appId: id, userId: id, eventId: id });

export function customerNotFound(userId: string): Problem {
  return new Problem(404, 'customer_not_found', `The app has no customer ${userId}`);
}

export function eventNotFound(eventId: string): Problem {
  return new Problem(404, 'event_not_found', `The customer has no event ${eventId}`);
}

const userId = id.describe('The user’s Tollgate id');
const pseudonymField = z
  .string()
  .describe('A readable name made from the user id (Tollgate keeps no names): not unique, the user id is');
const platforms = z.array(z.enum(STORE_PLATFORMS)).describe('The stores of the user’s devices');

export const customerSummarySchema = z
  .object({
    user_id: userId,
    pseudonym: pseudonymField,
    external_id: z.string().nullable().describe('The app’s own id for the user, if it set one'),
    last_seen_at: timestamp.nullable().describe('The last app session on any device; null: never seen'),
    app_sessions: z.int().describe('App sessions on all the user’s devices'),
    platforms,
    updated_at: timestamp,
  })
  .meta({ id: 'CustomerSummary' });

export function presentCustomerSummary(row: CustomerRow): z.infer<typeof customerSummarySchema> {
  return {
    user_id: row.id,
    pseudonym: pseudonym(row.id),
    external_id: row.external_id,
    last_seen_at: iso(row.last_seen_at),
    app_sessions: row.sessions_count,
    platforms: row.platforms,
    updated_at: row.updated_at.toISOString(),
  };
}

export const customerRevenueSchema = z
  .object({
    id,
    revenue_type: z.enum(REVENUE_TYPES).describe('A refund is a row of its own, negative'),
    amount_micros: z.int().describe('In millionths of the currency'),
    currency: z.string().describe('ISO 4217'),
    usd_micros: z.int().nullable().describe('In US dollars at the day’s rate; null while no rate is known'),
    platform: z.enum(STORE_PLATFORMS),
    environment: z.enum(PURCHASE_ENVIRONMENTS),
    sku_ref_id: z.string(),
    occurred_at: timestamp,
  })
  .meta({ id: 'CustomerRevenue' });

export function presentRevenue(row: Omit<RevenueRow, 'cursor_at'>): z.infer<typeof customerRevenueSchema> {
  return {
    id: row.id,
    revenue_type: row.revenue_type,
    amount_micros: row.amount_micros,
    currency: row.currency,
    usd_micros: row.usd_micros,
    platform: row.store,
    environment: row.environment,
    sku_ref_id: row.sku_ref_id,
    occurred_at: row.occurred_at.toISOString(),
  };
}

export const customerEventSchema = z
  .object({
    id,
    event_type: z.string(),
    platform: z.enum(STORE_PLATFORMS),
    created_at: timestamp,
    payload: z.unknown().describe('The event as integrations receive it: see /api/v1/events/schema/{event_type}'),
  })
  .meta({ id: 'CustomerEvent' });

export function presentEvent(row: EventRow): z.infer<typeof customerEventSchema> {
  return {
    id: row.id,
    event_type: row.type,
    platform: row.platform,
    created_at: row.created_at.toISOString(),
    payload: row.payload,
  };
}

export const customerDetailSchema = z
  .object({
    user_id: userId,
    pseudonym: pseudonymField,
    external_id: z.string().nullable().describe('The app’s own id for the user, if it set one'),
    external_ids: z
      .array(z.object({ key: z.string(), type: z.string(), value: z.string() }))
      .describe('Every identifier of the user: the app’s own first, then the stores’ purchase ids (100 at most)'),
    lifetime_value_usd_micros: z.int().describe('All purchases and renewals, less refunds, in US dollars'),
    usage: z.object({
      purchases: z.int().describe('Purchases and renewals'),
      app_sessions: z.int(),
      first_seen_at: timestamp.nullable(),
      last_seen_at: timestamp.nullable(),
      first_purchase_at: timestamp.nullable(),
      last_purchase_at: timestamp.nullable(),
    }),
    recent_revenue: z.array(customerRevenueSchema).describe('The 5 newest revenue rows'),
    recent_events: z
      .array(z.object({ id, event_type: z.string(), created_at: timestamp }))
      .describe('The 5 newest events'),
    active_entitlements: z
      .array(
        z.object({
          entitlement_ref_id: z.string(),
          name: z.string(),
          description: z.string(),
          sku_ref_id: z.string().describe('The SKU whose purchase unlocked it'),
          expiration: timestamp.nullable().describe('When access ends unless renewed; null: never'),
          purchase_platform: z.enum(STORE_PLATFORMS),
          last_verified: timestamp,
        }),
      )
      .describe('What the user may access now'),
    devices: z
      .array(
        z.object({
          id,
          platform: z.object({ id, name: z.string(), store: z.enum(STORE_PLATFORMS) }),
          os: z.string().nullable(),
          os_version: z.string().nullable(),
          model: z.string().nullable(),
          language: z.string().nullable(),
          country: z.string().nullable().describe('A country code: never an address'),
          sdk_version: z.string().nullable(),
          app_version: z.string().nullable(),
          last_seen_at: timestamp.nullable(),
        }),
      )
      .describe('The user’s devices, most recently seen first (100 at most)'),
    platforms,
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Customer' });

export function presentCustomerDetail(detail: CustomerDetail): z.infer<typeof customerDetailSchema> {
  const { user } = detail;
  return {
    user_id: user.id,
    pseudonym: pseudonym(user.id),
    external_id: user.external_id,
    external_ids: detail.externalIds,
    lifetime_value_usd_micros: user.lifetime_value_usd_micros,
    usage: {
      purchases: user.purchases_count,
      app_sessions: user.sessions_count,
      first_seen_at: iso(user.first_seen_at),
      last_seen_at: iso(user.last_seen_at),
      first_purchase_at: iso(user.first_purchase_at),
      last_purchase_at: iso(user.last_purchase_at),
    },
    recent_revenue: detail.recentRevenue.map(presentRevenue),
    recent_events: detail.recentEvents.map((event) => ({
      id: event.id,
      event_type: event.type,
      created_at: event.created_at.toISOString(),
    })),
    active_entitlements: detail.activeEntitlements,
    devices: detail.devices.map((device) => ({
      id: device.id,
      platform: { id: device.platform_id, name: device.platform_name, store: device.store },
      os: device.os,
      os_version: device.os_version,
      model: device.model,
      language: device.language,
      country: device.country,
      sdk_version: device.sdk_version,
      app_version: device.app_version,
      last_seen_at: iso(device.last_seen_at),
    })),
    platforms: user.platforms,
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
  };
}
