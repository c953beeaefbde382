import { describe, expect, test } from 'vitest';
import { customerState } from '../../../queries/customer-state.js';
import { anApp, anAppPlatform, anEntitlement, aProduct } from '../../../testing/catalog-builders.js';
import { eventTypesOf, revenueOf, schemaViolations } from '../../../testing/engine-readers.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

const T0 = Date.parse('2026-03-01T00:00:00Z');
const day = (n: number) => new Date(T0 + n * 86_400_000).toISOString();

interface Step {
  action: string;
  on: number;
  sku?: string;
  days?: number;
}

interface Scenario {
  name: string;
  start: { offer?: 'trial' | 'intro'; sku?: string; price?: number; intro?: number };
  steps: Step[];
  /** Read the customer's state on this day. */
  checkOn: number;
  events: string[];
  entitlements: string[];
  flags: string[];
  revenue: Array<[string, number]>;
}

const scenarios: Scenario[] = [
  {
    name: 'trial, then converted',
    start: { offer: 'trial' },
    steps: [{ action: 'renew', on: 7 }],
    checkOn: 8,
    events: [
      'user.subscription.purchased',
      'user.journey.trial.started',
      'purchase.updated',
      'user.journey.trial.converted',
      'user.subscription.renewed',
      'purchase.updated',
    ],
    entitlements: ['premium'],
    flags: [],
    revenue: [['renewal', 9_990_000]],
  },
  {
    name: 'trial, cancelled, did not convert',
    start: { offer: 'trial' },
    steps: [
      { action: 'cancel', on: 2 },
      { action: 'expire', on: 7 },
    ],
    checkOn: 8,
    events: [
      'user.subscription.purchased',
      'user.journey.trial.started',
      'purchase.updated',
      'user.subscription.cancelled',
      'purchase.updated',
      'user.subscription.expired',
      'user.journey.trial.did_not_convert',
      'purchase.updated',
    ],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [],
  },
  {
    name: 'an introductory price, then the full price',
    start: { offer: 'intro', intro: 990_000 },
    steps: [{ action: 'renew', on: 30 }],
    checkOn: 31,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.renewed', 'purchase.updated'],
    entitlements: ['premium'],
    flags: [],
    revenue: [
      ['purchase', 990_000],
      ['renewal', 9_990_000],
    ],
  },
  {
    name: 'intro offer period shows in the journey',
    start: { offer: 'intro', intro: 990_000 },
    steps: [],
    checkOn: 1,
    events: ['user.subscription.purchased', 'purchase.updated'],
    entitlements: ['premium'],
    flags: ['in_intro_offer_period'],
    revenue: [['purchase', 990_000]],
  },
  {
    name: 'cancelled, then resumed',
    start: {},
    steps: [
      { action: 'cancel', on: 3 },
      { action: 'resume', on: 5 },
    ],
    checkOn: 6,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.cancelled',
      'purchase.updated',
      'user.subscription.resumed',
      'purchase.updated',
    ],
    entitlements: ['premium'],
    flags: [],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'cancelled: entitled until the end, then expired',
    start: {},
    steps: [
      { action: 'cancel', on: 3 },
      { action: 'expire', on: 30 },
    ],
    checkOn: 31,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.cancelled',
      'purchase.updated',
      'user.subscription.expired',
      'purchase.updated',
    ],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'cancelled but still entitled',
    start: {},
    steps: [{ action: 'cancel', on: 3 }],
    checkOn: 4,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.cancelled', 'purchase.updated'],
    entitlements: ['premium'],
    flags: ['is_cancelled'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'billing failure, grace, recovered',
    start: {},
    steps: [
      { action: 'fail_billing', on: 30 },
      { action: 'recover', on: 32 },
    ],
    checkOn: 33,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.in_grace_period',
      'purchase.updated',
      'user.subscription.renewal_in_grace_period',
      'purchase.updated',
    ],
    entitlements: ['premium'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['renewal', 9_990_000],
    ],
  },
  {
    name: 'in grace: still entitled, flagged',
    start: {},
    steps: [{ action: 'fail_billing', on: 30, days: 6 }],
    checkOn: 31,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.in_grace_period',
      'purchase.updated',
    ],
    entitlements: ['premium'],
    flags: ['in_grace_period'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'grace, account hold, expired',
    start: {},
    steps: [
      { action: 'fail_billing', on: 30 },
      { action: 'enter_account_hold', on: 36 },
      { action: 'expire', on: 90 },
    ],
    checkOn: 91,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.in_grace_period',
      'purchase.updated',
      'purchase.updated',
      'user.subscription.expired',
      'purchase.updated',
    ],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'on account hold: no access, flagged',
    start: {},
    steps: [
      { action: 'fail_billing', on: 30 },
      { action: 'enter_account_hold', on: 36 },
    ],
    checkOn: 37,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.in_grace_period',
      'purchase.updated',
      'purchase.updated',
    ],
    entitlements: [],
    flags: ['in_account_hold'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'paused, then resumed',
    start: {},
    steps: [
      { action: 'pause', on: 30, days: 30 },
      { action: 'resume', on: 60 },
    ],
    checkOn: 61,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.paused',
      'purchase.updated',
      'user.subscription.resumed',
      'purchase.updated',
    ],
    entitlements: ['premium'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['renewal', 9_990_000],
    ],
  },
  {
    name: 'paused: no access, flagged',
    start: {},
    steps: [{ action: 'pause', on: 30, days: 30 }],
    checkOn: 31,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.paused', 'purchase.updated'],
    entitlements: [],
    flags: ['in_pause'],
    revenue: [['purchase', 9_990_000]],
  },
  {
    name: 'upgrade: the new SKU at once',
    start: {},
    steps: [{ action: 'change_sku', on: 10, sku: 'annual' }],
    checkOn: 11,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.sku_change', 'purchase.updated'],
    entitlements: ['premium', 'studio'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['purchase', 9_990_000],
    ],
  },
  {
    name: 'downgrade: pending until the renewal, then the new SKU',
    start: { sku: 'annual' },
    steps: [
      { action: 'schedule_sku_change', on: 10, sku: 'monthly' },
      { action: 'renew', on: 30 },
    ],
    checkOn: 31,
    events: [
      'user.subscription.purchased',
      'purchase.updated',
      'user.subscription.pending_sku_change',
      'purchase.updated',
      'user.subscription.renewed',
      'user.subscription.sku_change',
      'purchase.updated',
    ],
    entitlements: ['premium'],
    flags: [],
    revenue: [
      ['purchase', 9_990_000],
      ['renewal', 9_990_000],
    ],
  },
  {
    name: 'refunded: access ends, the money goes back',
    start: {},
    steps: [{ action: 'refund', on: 5 }],
    checkOn: 6,
    events: ['user.subscription.purchased', 'purchase.updated', 'user.subscription.expired', 'purchase.updated'],
    entitlements: [],
    flags: ['former_subscriber'],
    revenue: [
      ['purchase', 9_990_000],
      ['refund', -9_990_000],
    ],
  },
];

describe('test-store purchases through the engine', () => {
  test.each(scenarios)('$name', async (scenario) => {
    const app = await anApp(api.client);
    const platform = await anAppPlatform(api.client, app.id);
    const premium = await anEntitlement(api.client, app.id, { entitlement_ref_id: 'premium' });
    const studio = await anEntitlement(api.client, app.id, { entitlement_ref_id: 'studio' });
    await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'monthly', entitlement_ids: [premium.id] });
    await aProduct(api.client, app.id, platform.id, { sku_ref_id: 'annual', entitlement_ids: [premium.id, studio.id] });

    const created = await api.client.post(`/api/v1/apps/${app.id}/test-store/purchases`, {
      app_platform_id: platform.id,
      sku_ref_id: scenario.start.sku ?? 'monthly',
      external_id: `customer-${scenario.name}`,
      ...(scenario.start.offer ? { offer: scenario.start.offer } : {}),
      ...(scenario.start.intro ? { intro_price_micros: scenario.start.intro } : {}),
      at: day(0),
    });
    expect(created.statusCode, created.body).toBe(201);
    const { purchase_id: purchaseId, user_id: userId } = created.json();
    for (const step of scenario.steps) {
      const stepped = await api.client.post(`/api/v1/apps/${app.id}/test-store/purchases/${purchaseId}/actions`, {
        action: step.action,
        at: day(step.on),
        ...(step.sku ? { sku_ref_id: step.sku } : {}),
        ...(step.days ? { days: step.days } : {}),
      });
      expect(stepped.statusCode, stepped.body).toBe(200);
    }

    const state = await customerState(api.server.database.db, app.id, userId, new Date(day(scenario.checkOn)));
    const revenue = await revenueOf(api.server, userId);
    expect(await eventTypesOf(api.server, userId)).toEqual(scenario.events);
    expect(state.activeEntitlements.map((e) => e.entitlement_ref_id)).toEqual(scenario.entitlements);
    expect(Object.entries(state.journey).flatMap(([flag, on]) => (on ? [flag] : []))).toEqual(scenario.flags);
    expect(revenue.map((row) => [row.revenue_type, row.amount_micros])).toEqual(scenario.revenue);
    expect(revenue.every((row) => row.environment === 'nami_bypass_store')).toBe(true);
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });
});
