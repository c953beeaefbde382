import { Buffer } from 'node:buffer';
import type { EventType } from '@tollgate/core';
import { describe, expect, test } from 'vitest';
import { mparticleRequests, mparticleTestRequest } from './mparticle.js';
import { CREATED, DEVICE_ID, EXTERNAL_ID, outgoingEvent, USER_ID, uuid } from './testing/events.js';
import type { MparticleSettings, OutgoingEvent } from './types.js';

const settings: MparticleSettings = {
  integrationId: '0193f0bb-0000-7000-8000-0000000000aa',
  baseUrl: 'https://s2s.mparticle.com/v2',
  key: 'feed-key',
  secret: 'feed-secret',
  customerId: 'external_id',
  store: 'apple',
};

interface Batch {
  environment: string;
  source_request_id: string;
  user_identities: { customer_id: string };
  device_info?: { platform: string };
  user_attributes?: Record<string, unknown>;
  events: Array<{ event_type: string; data: Record<string, unknown> }>;
}

function batches(events: OutgoingEvent[], options: Partial<MparticleSettings> = {}): Batch[] {
  return mparticleRequests(events, { ...settings, ...options }).requests.flatMap(
    (prepared) => JSON.parse(prepared.request.body) as Batch[],
  );
}

function onlyEvent(event: OutgoingEvent) {
  const [batch] = batches([event]);
  const [first] = batch?.events ?? [];
  if (!first) {
    throw new Error('no event sent');
  }
  return first;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('mparticleRequests: the request', () => {
  test('POSTs to the pod’s /bulkevents with Basic credentials', () => {
    const [prepared] = mparticleRequests([outgoingEvent('device.impression')], settings).requests;
    expect(prepared?.request.url).toBe('https://s2s.mparticle.com/v2/bulkevents');
    expect(prepared?.request.headers).toEqual({
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from('feed-key:feed-secret').toString('base64')}`,
    });
    expect(Array.isArray(JSON.parse(prepared?.request.body ?? ''))).toBe(true);
  });

  test('a base URL with a trailing slash', () => {
    const [prepared] = mparticleRequests([outgoingEvent('device.impression')], {
      ...settings,
      baseUrl: 'http://127.0.0.1:9/v2/',
    }).requests;
    expect(prepared?.request.url).toBe('http://127.0.0.1:9/v2/bulkevents');
  });
});

describe('mparticleRequests: one batch per user', () => {
  test('a renewal is a commerce purchase in USD, with the user, the platform and the attributes', () => {
    const [batch] = batches([outgoingEvent('user.subscription.renewed')]);
    expect(batch).toEqual({
      environment: 'production',
      source_request_id: expect.stringMatching(UUID),
      user_identities: { customer_id: EXTERNAL_ID },
      device_info: { platform: 'iOS' },
      user_attributes: expect.objectContaining({
        namiml_active_skus: ['pro_monthly', 'extras_lifetime'],
        namiml_in_trial_period: true,
      }),
      events: [
        {
          event_type: 'commerce_event',
          data: expect.objectContaining({
            source_message_id: uuid(1),
            timestamp_unixtime_ms: Date.parse(CREATED),
            currency_code: 'USD',
            is_non_interactive: true,
            product_action: {
              action: 'purchase',
              transaction_id: '2000000812345678',
              total_amount: 9.78,
              products: [{ id: 'pro_monthly', price: 9.78, quantity: 1, total_product_amount: 9.78 }],
            },
          }),
        },
      ],
    });
  });

  test('a new purchase is interactive', () => {
    expect(onlyEvent(outgoingEvent('user.subscription.purchased')).data.is_non_interactive).toBe(false);
  });

  test.each<EventType>([
    'device.impression',
    'device.transaction',
    'user.journey.trial.started',
    'user.journey.trial.converted',
    'user.subscription.cancelled',
    'user.subscription.expired',
  ])('a %s is a custom transaction event named by its type', (type) => {
    expect(onlyEvent(outgoingEvent(type))).toEqual({
      event_type: 'custom_event',
      data: expect.objectContaining({
        event_name: type,
        custom_event_type: 'transaction',
        source_message_id: uuid(1),
      }),
    });
  });

  test('a purchase without a transaction is a custom event', () => {
    expect(onlyEvent(outgoingEvent('user.subscription.purchased', { transaction: null })).event_type).toBe(
      'custom_event',
    );
  });

  test('custom attributes are flat scalars named by their path', () => {
    const attributes = onlyEvent(outgoingEvent('device.impression')).data.custom_attributes as Record<string, unknown>;
    expect(attributes).toEqual({
      tollgate_event_type: 'device.impression',
      event_platform: 'apple',
      device_id: DEVICE_ID,
      impression_id: 'imp-1',
      impression_paywall_id: 'paywall-a',
      impression_campaign_id: 'spring',
      impression_occurred_at: CREATED,
    });
    const renewal = onlyEvent(outgoingEvent('user.subscription.renewed')).data.custom_attributes as Record<
      string,
      unknown
    >;
    expect(renewal).toMatchObject({
      purchase_sku_ref_id: 'pro_monthly',
      transaction_currency: 'EUR',
      purchase_auto_renew: true,
    });
    for (const value of Object.values(renewal)) {
      expect(['string', 'number', 'boolean']).toContain(typeof value);
    }
  });

  test('one user’s events share a batch, in order; users get their own', () => {
    const events = [
      outgoingEvent('device.impression', { id: uuid(1) }),
      outgoingEvent('user.subscription.purchased', { id: uuid(2), externalId: 'other-user' }),
      outgoingEvent('user.subscription.purchased', { id: uuid(3) }),
    ];
    const sent = batches(events);
    expect(sent.map((batch) => batch.user_identities.customer_id)).toEqual([EXTERNAL_ID, 'other-user']);
    expect(sent[0]?.events.map((event) => event.data.source_message_id)).toEqual([uuid(1), uuid(3)]);
    expect(mparticleRequests(events, settings).requests[0]?.eventIds).toEqual([uuid(1), uuid(3), uuid(2)]);
  });

  test('user attributes come from the newest user event; a batch of device events has none', () => {
    const older = outgoingEvent('user.subscription.purchased', {
      id: uuid(1),
      createdDate: '2026-01-15T09:00:00.000Z',
    });
    const newer = outgoingEvent('user.subscription.cancelled', { id: uuid(2) });
    const newerPayload = {
      ...newer.payload,
      customer_journey_state: { ...newer.payload.customer_journey_state, in_trial_period: false },
    };
    const [batch] = batches([{ ...newer, payload: newerPayload } as OutgoingEvent, older]);
    expect(batch?.user_attributes?.namiml_in_trial_period).toBe(false);
    expect(batches([outgoingEvent('device.impression')])[0]).not.toHaveProperty('user_attributes');
  });

  test.each([
    ['production', 'production'],
    ['sandbox', 'development'],
    ['nami_bypass_store', 'development'],
  ] as const)('a %s purchase goes to the %s environment', (environment, expected) => {
    expect(batches([outgoingEvent('user.subscription.purchased', { environment })])[0]?.environment).toBe(expected);
  });

  test('device events without a purchase go to production; one user’s environments are separate batches', () => {
    const events = [
      outgoingEvent('device.session.start', { id: uuid(1) }),
      outgoingEvent('user.subscription.purchased', { id: uuid(2), environment: 'sandbox' }),
    ];
    expect(batches(events).map((batch) => batch.environment)).toEqual(['production', 'development']);
  });

  test.each([
    ['apple', { platform: 'iOS' }],
    ['google', { platform: 'Android' }],
    ['roku', { platform: 'roku' }],
    [null, undefined],
  ] as const)('the %s feed: device_info %j', (store, deviceInfo) => {
    expect(batches([outgoingEvent('device.impression')], { store })[0]?.device_info).toEqual(deviceInfo);
  });
});

describe('mparticleRequests: ids', () => {
  test('by Nami User ID', () => {
    expect(batches([outgoingEvent('device.impression')], { customerId: 'user_id' })[0]?.user_identities).toEqual({
      customer_id: USER_ID,
    });
  });

  test('a user without an External ID is skipped with the reason', () => {
    const { requests, skipped } = mparticleRequests(
      [outgoingEvent('device.impression', { externalId: null })],
      settings,
    );
    expect(requests).toEqual([]);
    expect(skipped).toEqual([{ eventId: uuid(1), reason: 'the user has no External ID' }]);
  });

  test('source_request_id: a UUID, the same for the same batch, new for other events or another integration', () => {
    const events = [
      outgoingEvent('device.impression', { id: uuid(1) }),
      outgoingEvent('device.impression', { id: uuid(2) }),
    ];
    const id = batches(events)[0]?.source_request_id;
    expect(id).toMatch(UUID);
    expect(batches(events)[0]?.source_request_id).toBe(id);
    expect(batches(events.slice(0, 1))[0]?.source_request_id).not.toBe(id);
    expect(batches(events, { integrationId: '0193f0bb-0000-7000-8000-0000000000bb' })[0]?.source_request_id).not.toBe(
      id,
    );
  });
});

describe('mparticleRequests: limits', () => {
  test('101 users go in two requests of at most 100 batches', () => {
    const events = Array.from({ length: 101 }, (_, n) =>
      outgoingEvent('device.impression', { id: uuid(n + 1), externalId: `user-${n}` }),
    );
    const { requests } = mparticleRequests(events, settings);
    expect(requests.map((prepared) => (JSON.parse(prepared.request.body) as Batch[]).length)).toEqual([100, 1]);
    expect(requests.flatMap((prepared) => prepared.eventIds)).toEqual(events.map((event) => event.id));
  });

  /** An impression of about `bytes` bytes. */
  function sized(n: number, bytes: number, externalId = EXTERNAL_ID): OutgoingEvent {
    const event = outgoingEvent('device.impression', { id: uuid(n), externalId });
    const impression = 'impression' in event.payload ? event.payload.impression : null;
    return {
      ...event,
      payload: { ...event.payload, impression: { ...impression, variant: 'v'.repeat(bytes) } },
    } as OutgoingEvent;
  }

  test('requests stay under 256 KB', () => {
    const events = Array.from({ length: 10 }, (_, n) => sized(n + 1, 60_000, `user-${n}`));
    const { requests } = mparticleRequests(events, settings);
    expect(requests.length).toBeGreaterThan(2);
    for (const { request } of requests) {
      expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(256_000);
    }
    expect(requests.flatMap((prepared) => prepared.eventIds)).toEqual(events.map((event) => event.id));
  });

  test('a user’s batch over 128 KB is split into several batches, each with its own id', () => {
    const events = Array.from({ length: 5 }, (_, n) => sized(n + 1, 50_000));
    const sent = batches(events);
    expect(sent.length).toBe(3);
    expect(sent.every((batch) => batch.user_identities.customer_id === EXTERNAL_ID)).toBe(true);
    expect(new Set(sent.map((batch) => batch.source_request_id)).size).toBe(3);
    for (const batch of sent) {
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(128_000);
    }
  });

  test('an event over 128 KB alone is skipped', () => {
    const { requests, skipped } = mparticleRequests([sized(1, 130_000)], settings);
    expect(requests).toEqual([]);
    expect(skipped).toEqual([{ eventId: uuid(1), reason: expect.stringContaining('128 KB') }]);
  });
});

describe('mparticleTestRequest', () => {
  test('a custom test event of a test user, in development, at the time given', () => {
    const now = new Date('2026-03-01T12:00:00.000Z');
    const { request, eventIds } = mparticleTestRequest(settings, now);
    expect(request.url).toBe('https://s2s.mparticle.com/v2/bulkevents');
    expect(request.headers.authorization).toMatch(/^Basic /);
    expect(eventIds).toEqual([]);
    const [batch] = JSON.parse(request.body) as Batch[];
    expect(batch).toMatchObject({
      environment: 'development',
      user_identities: { customer_id: 'tollgate-test-user' },
      device_info: { platform: 'iOS' },
      events: [
        {
          event_type: 'custom_event',
          data: { event_name: 'Tollgate test event', timestamp_unixtime_ms: now.getTime() },
        },
      ],
    });
    expect(batch?.source_request_id).toMatch(UUID);
    expect(batch?.events[0]?.data.source_message_id).toMatch(UUID);
    // A later test is a new batch, not a duplicate mParticle would drop.
    const later = JSON.parse(mparticleTestRequest(settings, new Date(now.getTime() + 1000)).request.body) as Batch[];
    expect(later[0]?.source_request_id).not.toBe(batch?.source_request_id);
  });
});
