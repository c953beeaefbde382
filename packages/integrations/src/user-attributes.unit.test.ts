import { EVENT_SCHEMAS, EVENT_TYPES } from '@tollgate/core';
import { describe, expect, test } from 'vitest';
import { vendorUserId } from './identity.js';
import {
  ANDROID_PLATFORM_ID,
  DEVICE_ID,
  EXTERNAL_ID,
  IOS_PLATFORM_ID,
  outgoingEvent,
  USER_ID,
  uuid,
} from './testing/events.js';
import { userAttributes } from './user-attributes.js';

describe('the test events', () => {
  test.each(EVENT_TYPES)('a %s is valid by its JSON Schema', (type) => {
    expect(() => EVENT_SCHEMAS[type].parse(outgoingEvent(type).payload)).not.toThrow();
  });
});

describe('userAttributes', () => {
  test('gives the eight seed attributes', () => {
    expect(userAttributes(outgoingEvent('user.subscription.renewed').payload)).toEqual({
      namiml_active_entitlements: ['premium', 'no_ads', 'extras'],
      // Two entitlements of one purchase: its SKU once.
      namiml_active_skus: ['pro_monthly', 'extras_lifetime'],
      namiml_device_ids: [DEVICE_ID, uuid(2, '0193f0aa-6666-7d3e-8f40')],
      namiml_device_platforms: [IOS_PLATFORM_ID, ANDROID_PLATFORM_ID],
      namiml_former_subscriber: false,
      namiml_in_grace_period: false,
      namiml_in_trial_period: true,
      namiml_in_intro_offer_period: false,
    });
  });

  test('a user with nothing active has empty lists', () => {
    const event = outgoingEvent('user.subscription.expired');
    const payload = { ...event.payload, active_entitlements: [], devices: [] };
    expect(userAttributes(payload)).toMatchObject({
      namiml_active_entitlements: [],
      namiml_active_skus: [],
      namiml_device_ids: [],
      namiml_device_platforms: [],
    });
  });
});

describe('vendorUserId', () => {
  test.each([
    ['external_id', {}, { id: EXTERNAL_ID }],
    ['user_id', {}, { id: USER_ID }],
    ['external_id', { externalId: null }, { reason: 'the user has no External ID' }],
    ['user_id', { externalId: null }, { id: USER_ID }],
    ['external_id', { externalId: '  ' }, { reason: "the user's External ID is empty" }],
  ] as const)('by %s, for %j: %j', (choice, options, expected) => {
    expect(vendorUserId(outgoingEvent('user.subscription.renewed', options).payload, choice)).toEqual(expected);
  });

  test('reads the entry keyed external_id, not the first one', () => {
    // The fixture lists an adjust_id before the external_id.
    expect(vendorUserId(outgoingEvent('device.impression').payload, 'external_id')).toEqual({ id: EXTERNAL_ID });
  });
});
