import { Buffer } from 'node:buffer';
import type { EventType } from '@tollgate/core';
import { describe, expect, test } from 'vitest';
import { amplitudeRequests, amplitudeTestRequest } from './amplitude.js';
import { CREATED, DEVICE_ID, EXTERNAL_ID, outgoingEvent, USER_ID, uuid } from './testing/events.js';
import type { AmplitudeSettings, OutgoingEvent } from './types.js';

const settings: AmplitudeSettings = {
  integrationId: '0193f0bb-0000-7000-8000-000000000001',
  endpoint: 'https://api2.amplitude.com/2/httpapi',
  apiKey: 'project-key',
  userId: 'external_id',
};

/** The first request's body, parsed. */
function sent(events: OutgoingEvent[], options: Partial<AmplitudeSettings> = {}) {
  const { requests } = amplitudeRequests(events, { ...settings, ...options });
  return JSON.parse(requests[0]?.request.body ?? 'null') as {
    api_key: string;
    options: { min_id_length: number };
    events: Array<Record<string, unknown>>;
  };
}

function only(event: OutgoingEvent, options: Partial<AmplitudeSettings> = {}): Record<string, unknown> {
  const [first] = sent([event], options).events;
  if (!first) {
    throw new Error('no event sent');
  }
  return first;
}

describe('amplitudeRequests: one Amplitude event per Tollgate event', () => {
  test('a renewal: ids, time, type, platform, revenue in USD and the user attributes', () => {
    const body = sent([outgoingEvent('user.subscription.renewed')]);
    expect(body.api_key).toBe('project-key');
    expect(body.options).toEqual({ min_id_length: 1 });
    expect(body.events).toEqual([
      expect.objectContaining({
        user_id: EXTERNAL_ID,
        event_type: 'user.subscription.renewed',
        time: Date.parse(CREATED),
        insert_id: `${uuid(1)}:${settings.integrationId}`,
        platform: 'App Store',
        price: 9.78,
        quantity: 1,
        revenue: 9.78,
        productId: 'pro_monthly',
        revenueType: 'renewal',
        currency: 'USD',
      }),
    ]);
  });

  test('sends the payload own fields as event properties, with the original money', () => {
    const event = outgoingEvent('user.subscription.renewed');
    const properties = only(event).event_properties as Record<string, unknown>;
    expect(Object.keys(properties).sort()).toEqual(
      ['event_platform', 'purchase', 'transaction', 'original_currency', 'original_amount'].sort(),
    );
    expect(properties).toMatchObject({
      event_platform: 'apple',
      original_currency: 'EUR',
      original_amount: 8.99,
      purchase: expect.objectContaining({ sku_ref_id: 'pro_monthly', environment: 'production' }),
    });
  });

  test.each([
    ['device.impression', ['device_id', 'event_platform', 'impression']],
    ['device.session.start', ['device_id', 'event_platform', 'session']],
    ['device.transaction', ['campaign', 'device_id', 'event_platform', 'purchase', 'transaction']],
    ['user.subscription.transferred.to', ['event_platform', 'purchase', 'transfer']],
    ['user.subscription.cancelled', ['event_platform', 'purchase', 'transaction']],
  ] as const)('a %s carries %j', (type, keys) => {
    const properties = only(outgoingEvent(type)).event_properties as Record<string, unknown>;
    expect(Object.keys(properties).sort()).toEqual([...keys].sort());
  });

  test('device events carry the device_id; user events do not', () => {
    expect(only(outgoingEvent('device.impression')).device_id).toBe(DEVICE_ID);
    expect(only(outgoingEvent('user.subscription.purchased'))).not.toHaveProperty('device_id');
  });

  test.each([
    ['apple', 'App Store'],
    ['google', 'Google Play'],
    ['roku', 'Roku Channel Store'],
  ] as const)('the %s store is named %s', (store, name) => {
    expect(only(outgoingEvent('user.subscription.purchased', { store })).platform).toBe(name);
  });

  test.each<[EventType, boolean]>([
    ['user.subscription.purchased', true],
    ['user.subscription.renewed', true],
    ['user.journey.trial.started', true],
    ['user.subscription.expired', true],
    ['device.impression', false],
    ['device.transaction', false],
    ['device.session.end', false],
  ])('user properties on %s: %s', (type, expected) => {
    const event = only(outgoingEvent(type));
    expect('user_properties' in event).toBe(expected);
    if (expected) {
      expect(event.user_properties).toMatchObject({ namiml_active_entitlements: ['premium', 'no_ads', 'extras'] });
    }
  });
});

describe('amplitudeRequests: revenue', () => {
  const REVENUE_FIELDS = ['price', 'quantity', 'revenue', 'productId', 'revenueType', 'currency'];

  test.each<[EventType, number | null]>([
    ['user.subscription.purchased', 9.78],
    ['user.subscription.renewed', 9.78],
    ['user.subscription.renewal_in_grace_period', 9.78],
    // The same payment as the renewal of that change: counted once, there.
    ['user.journey.trial.converted', null],
    ['user.subscription.cancelled', null],
    ['device.impression', null],
  ])('%s counts %s USD', (type, usd) => {
    const event = only(outgoingEvent(type));
    if (usd === null) {
      for (const field of REVENUE_FIELDS) {
        expect(event).not.toHaveProperty(field);
      }
    } else {
      expect(event).toMatchObject({ revenue: usd, price: usd, currency: 'USD' });
    }
  });

  test('a device.transaction counts nothing: its purchase is counted by user.subscription.purchased', () => {
    const event = only(outgoingEvent('device.transaction', { transaction: { revenue_type: 'purchase' } }));
    expect(event).not.toHaveProperty('revenue');
  });

  test('a purchase without a transaction counts nothing', () => {
    expect(only(outgoingEvent('user.subscription.purchased', { transaction: null }))).not.toHaveProperty('revenue');
  });

  test('a refund is negative revenue on the expiry it caused', () => {
    const refund = { revenue_type: 'refund' as const, amount_micros: -8_990_000, usd_micros: -9_780_000 };
    expect(only(outgoingEvent('user.subscription.expired', { transaction: refund }))).toMatchObject({
      revenue: -9.78,
      price: -9.78,
      revenueType: 'refund',
    });
  });

  test('a payment in US dollars counts its own amount', () => {
    const money = { currency: 'USD', amount_micros: 4_990_000, usd_micros: 4_990_000 };
    expect(only(outgoingEvent('user.subscription.purchased', { transaction: money }))).toMatchObject({ revenue: 4.99 });
  });

  test('a payment whose rate was unknown counts nothing rather than zero', () => {
    const money = { currency: 'JPY', amount_micros: 1_200_000_000, usd_micros: 0 };
    const event = only(outgoingEvent('user.subscription.purchased', { transaction: money }));
    expect(event).not.toHaveProperty('revenue');
  });
});

describe('amplitudeRequests: ids', () => {
  test('by Nami User ID, the user id', () => {
    expect(only(outgoingEvent('user.subscription.renewed'), { userId: 'user_id' }).user_id).toBe(USER_ID);
  });

  test('a user without an External ID is skipped with the reason, the rest go', () => {
    const events = [
      outgoingEvent('user.subscription.renewed', { id: uuid(1), externalId: null }),
      outgoingEvent('user.subscription.renewed', { id: uuid(2) }),
    ];
    const { requests, skipped } = amplitudeRequests(events, settings);
    expect(skipped).toEqual([{ eventId: uuid(1), reason: 'the user has no External ID' }]);
    expect(requests.map((request) => request.eventIds)).toEqual([[uuid(2)]]);
  });

  test.each(['null', 'Unknown', '0', '-1', 'anonymous', 'n/a'])('an External ID of %j is skipped', (externalId) => {
    const { requests, skipped } = amplitudeRequests(
      [outgoingEvent('user.subscription.renewed', { externalId })],
      settings,
    );
    expect(requests).toEqual([]);
    expect(skipped[0]?.reason).toContain(`"${externalId}"`);
  });

  test('a short id is kept: min_id_length is 1', () => {
    expect(only(outgoingEvent('user.subscription.renewed', { externalId: 'ab' })).user_id).toBe('ab');
  });

  test('insert_id is the same on every re-send and differs per integration', () => {
    const event = outgoingEvent('user.subscription.renewed');
    const first = only(event).insert_id;
    expect(only(event).insert_id).toBe(first);
    expect(only(event, { integrationId: '0193f0bb-0000-7000-8000-000000000002' }).insert_id).not.toBe(first);
    expect(only(outgoingEvent('user.subscription.renewed', { id: uuid(7) })).insert_id).not.toBe(first);
  });
});

describe('amplitudeRequests: batches', () => {
  test('2,001 events go in two requests, in order, each under 2,000 events', () => {
    const events = Array.from({ length: 2001 }, (_, n) => outgoingEvent('device.impression', { id: uuid(n + 1) }));
    const { requests } = amplitudeRequests(events, settings);
    expect(requests).toHaveLength(2);
    expect(requests.flatMap((request) => request.eventIds)).toEqual(events.map((event) => event.id));
    for (const { request, eventIds } of requests) {
      const body = JSON.parse(request.body) as { events: Array<{ insert_id: string }> };
      expect(body.events.length).toBeLessThanOrEqual(2000);
      // The indexes Amplitude answers with point at these ids.
      expect(body.events.map((event) => event.insert_id.split(':')[0])).toEqual(eventIds);
    }
  });

  test('large events split the request under 1 MB, measured in bytes', () => {
    // Multi-byte characters: 1 MB of bytes is fewer characters.
    const big = (n: number) => {
      const event = outgoingEvent('device.impression', { id: uuid(n) });
      const payload = {
        ...event.payload,
        impression: {
          ...('impression' in event.payload ? event.payload.impression : {}),
          variant: 'é'.repeat(100_000),
        },
      };
      return { ...event, payload } as OutgoingEvent;
    };
    const events = Array.from({ length: 9 }, (_, n) => big(n + 1));
    const { requests, skipped } = amplitudeRequests(events, settings);
    expect(skipped).toEqual([]);
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.flatMap((request) => request.eventIds)).toEqual(events.map((event) => event.id));
    for (const { request } of requests) {
      expect(Buffer.byteLength(request.body)).toBeLessThan(1_000_000);
    }
    expect(Buffer.byteLength(requests[0]?.request.body ?? '')).toBeGreaterThan(800_000);
  });

  test('an event over 1 MB alone is skipped', () => {
    const event = outgoingEvent('device.impression');
    const huge = {
      ...event,
      payload: { ...event.payload, impression: { variant: 'x'.repeat(1_000_001) } },
    } as OutgoingEvent;
    const { requests, skipped } = amplitudeRequests([huge], settings);
    expect(requests).toEqual([]);
    expect(skipped).toEqual([{ eventId: event.id, reason: expect.stringContaining('too large') }]);
  });

  test('the request: the endpoint, JSON, no credentials in headers', () => {
    const [prepared] = amplitudeRequests([outgoingEvent('device.impression')], settings).requests;
    expect(prepared?.request.url).toBe(settings.endpoint);
    expect(prepared?.request.headers).toEqual({ 'content-type': 'application/json' });
  });

  test('no events, no requests', () => {
    expect(amplitudeRequests([], settings)).toEqual({ requests: [], skipped: [] });
  });
});

describe('amplitudeTestRequest', () => {
  test('a test event of a fixed test user, at the time given, without revenue', () => {
    const now = new Date('2026-03-01T12:00:00.000Z');
    const { request, eventIds } = amplitudeTestRequest(settings, now);
    const body = JSON.parse(request.body) as { api_key: string; events: Array<Record<string, unknown>> };
    expect(request.url).toBe(settings.endpoint);
    expect(eventIds).toEqual([]);
    expect(body.api_key).toBe('project-key');
    expect(body.events).toEqual([
      expect.objectContaining({
        event_type: 'Tollgate test event',
        user_id: 'tollgate-test-user',
        time: now.getTime(),
      }),
    ]);
    expect(body.events[0]).not.toHaveProperty('revenue');
    expect(amplitudeTestRequest(settings, now)).toEqual({ request, eventIds });
  });
});
