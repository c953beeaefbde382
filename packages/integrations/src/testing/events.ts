import type { EventPayload, EventType, PurchasePayload, TransactionPayload } from '@tollgate/core';
import type { OutgoingEvent } from '../types.js';

/** Test-only: realistic stored events, as the server's JSON Schemas define them. */

export const APP_ID = '0193f0aa-1b2c-7d3e-8f40-5a6b7c8d9e0f';
export const USER_ID = '0193f0aa-2222-7d3e-8f40-5a6b7c8d9e0f';
export const DEVICE_ID = '0193f0aa-3333-7d3e-8f40-5a6b7c8d9e0f';
export const IOS_PLATFORM_ID = '0193f0aa-4444-7d3e-8f40-5a6b7c8d9e0f';
export const ANDROID_PLATFORM_ID = '0193f0aa-5555-7d3e-8f40-5a6b7c8d9e0f';
export const EXTERNAL_ID = 'cust-000123';
export const CREATED = '2026-01-15T10:00:00.000Z';

/** A UUIDv7-shaped id, distinct per number. */
export function uuid(n: number, prefix = '0193f5a2-7c1e-7d2a-9b1e'): string {
  return `${prefix}-${n.toString(16).padStart(12, '0')}`;
}

export interface EventOptions {
  id?: string;
  createdDate?: string;
  userId?: string;
  /** null: the user has no External ID. */
  externalId?: string | null;
  environment?: PurchasePayload['environment'];
  store?: PurchasePayload['store'];
  /** undefined: a payment on money events, none on the others. */
  transaction?: Partial<TransactionPayload> | null;
  purchase?: Partial<PurchasePayload>;
}

const PAYMENT_DEFAULTS: Partial<Record<EventType, TransactionPayload['revenue_type']>> = {
  'user.subscription.purchased': 'purchase',
  'user.subscription.renewed': 'renewal',
  'user.journey.trial.converted': 'renewal',
  'user.subscription.renewal_in_grace_period': 'renewal',
};

function transaction(overrides: Partial<TransactionPayload> = {}): TransactionPayload {
  return {
    id: uuid(900),
    store_transaction_id: '2000000812345678',
    revenue_type: 'renewal',
    sku_ref_id: 'pro_monthly',
    period_kind: 'normal',
    amount_micros: 8_990_000,
    currency: 'EUR',
    usd_micros: 9_780_000,
    occurred_at: CREATED,
    ...overrides,
  };
}

function purchase(overrides: Partial<PurchasePayload> = {}): PurchasePayload {
  return {
    id: uuid(800),
    app_platform_id: IOS_PLATFORM_ID,
    store: 'apple',
    environment: 'production',
    store_purchase_id: '2000000800000001',
    sku_ref_id: 'pro_monthly',
    product_type: 'subscription',
    status: 'active',
    period_kind: 'normal',
    purchased_at: '2025-12-15T10:00:00.000Z',
    period_start: CREATED,
    expires_at: '2026-02-15T10:00:00.000Z',
    auto_renew: true,
    renews_to_sku_ref_id: null,
    grace_period_ends_at: null,
    resumes_at: null,
    ...overrides,
  };
}

export function outgoingEvent(type: EventType, options: EventOptions = {}): OutgoingEvent {
  const id = options.id ?? uuid(1);
  const store = options.store ?? 'apple';
  const envelope = {
    id,
    event_type: type,
    event_platform: store,
    created_date: options.createdDate ?? CREATED,
    app_id: APP_ID,
    user_id: options.userId ?? USER_ID,
    active_entitlements: [
      entitlement('premium', 'pro_monthly', store),
      entitlement('no_ads', 'pro_monthly', store),
      entitlement('extras', 'extras_lifetime', store),
    ],
    customer_journey_state: {
      former_subscriber: false,
      in_account_hold: false,
      in_grace_period: false,
      in_trial_period: true,
      in_intro_offer_period: false,
      in_pause: false,
      is_cancelled: false,
    },
    devices: [
      { id: DEVICE_ID, platform: platform(IOS_PLATFORM_ID, 'iOS', 'apple', 'com.example.app') },
      {
        id: uuid(2, '0193f0aa-6666-7d3e-8f40'),
        platform: platform(ANDROID_PLATFORM_ID, 'Android', 'google', 'com.example'),
      },
    ],
    external_ids:
      options.externalId === null
        ? []
        : [
            { key: 'adjust_id', type: 'string', value: 'adj-42' },
            { key: 'external_id', type: 'string', value: options.externalId ?? EXTERNAL_ID },
          ],
  };
  const bought = purchase({ store, environment: options.environment ?? 'production', ...options.purchase });
  const payload = { ...envelope, ...ownFields(type, bought, options) } as EventPayload;
  return { id, type, payload };
}

function ownFields(type: EventType, bought: PurchasePayload, options: EventOptions): Record<string, unknown> {
  switch (type) {
    case 'device.session.start':
    case 'device.session.end':
      return { device_id: DEVICE_ID, session: { id: 'session-1', started_at: CREATED, ended_at: null } };
    case 'device.impression':
      return {
        device_id: DEVICE_ID,
        impression: {
          id: 'imp-1',
          paywall_id: 'paywall-a',
          campaign_id: 'spring',
          variant: null,
          occurred_at: CREATED,
        },
      };
    case 'device.transaction':
      return { device_id: DEVICE_ID, purchase: bought, transaction: moneyOf(type, options), campaign: null };
    case 'user.subscription.transferred.from':
    case 'user.subscription.transferred.to':
      return { purchase: bought, transfer: { from_user_id: uuid(3, '0193f0aa-7777-7d3e-8f40'), to_user_id: USER_ID } };
    default:
      return { purchase: bought, transaction: moneyOf(type, options) };
  }
}

function moneyOf(type: EventType, options: EventOptions): TransactionPayload | null {
  if (options.transaction === null) {
    return null;
  }
  const revenueType = PAYMENT_DEFAULTS[type];
  if (options.transaction === undefined) {
    return revenueType ? transaction({ revenue_type: revenueType }) : null;
  }
  return transaction({ revenue_type: revenueType ?? 'purchase', ...options.transaction });
}

function entitlement(refId: string, skuRefId: string, store: PurchasePayload['store']) {
  return {
    entitlement_ref_id: refId,
    name: refId,
    description: `The ${refId} entitlement`,
    sku_ref_id: skuRefId,
    expiration: null,
    purchase_platform: store,
    last_verified: CREATED,
  };
}

function platform(id: string, name: string, type: PurchasePayload['store'], marketplaceAppId: string) {
  return { id, name, platform_type: type, marketplace_app_id: marketplaceAppId };
}
