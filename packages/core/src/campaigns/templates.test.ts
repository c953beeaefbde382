import { describe, expect, test } from 'vitest';
import { customerJourneyState } from '../customer-state.js';
import { audienceSchema } from './audience.js';
import { type AudienceFacts, evaluateAudience } from './evaluate-audience.js';
import { CAMPAIGN_TEMPLATES } from './templates.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const NO_FLAGS = customerJourneyState([], NOW);
const NEWCOMER: AudienceFacts = {
  journeyState: NO_FLAGS,
  activeEntitlements: [],
  platform: 'google',
  country: null,
  language: null,
  appVersion: null,
  firstSeenAt: null,
  sessionCount: 1,
};

const template = (key: string) => CAMPAIGN_TEMPLATES.find((t) => t.key === key) ?? null;

describe('campaign templates', () => {
  test('one of each, with a placement of its own', () => {
    expect(CAMPAIGN_TEMPLATES.map((t) => [t.key, t.placement])).toEqual([
      ['onboarding', 'onboarding'],
      ['win_back', 'win_back'],
      ['trial_upsell', 'trial_upsell'],
    ]);
  });

  test.each(CAMPAIGN_TEMPLATES)("$key's audience is a valid one", ({ audience }) => {
    expect(audienceSchema.nullable().safeParse(audience).error).toBeUndefined();
  });

  test.each<[string, Partial<AudienceFacts>, Record<string, boolean>]>([
    ['a newcomer', {}, { onboarding: true, win_back: false, trial_upsell: false }],
    [
      'a user in a free trial',
      { journeyState: { ...NO_FLAGS, in_trial_period: true }, activeEntitlements: ['premium'] },
      { onboarding: false, win_back: false, trial_upsell: true },
    ],
    [
      'a paying subscriber',
      { activeEntitlements: ['premium'] },
      { onboarding: false, win_back: false, trial_upsell: false },
    ],
    [
      'a former subscriber',
      { journeyState: { ...NO_FLAGS, former_subscriber: true } },
      { onboarding: false, win_back: true, trial_upsell: false },
    ],
    [
      'a subscriber in account hold, without access',
      { journeyState: { ...NO_FLAGS, in_account_hold: true } },
      { onboarding: false, win_back: false, trial_upsell: false },
    ],
    [
      'a subscriber who paused, without access',
      { journeyState: { ...NO_FLAGS, in_pause: true } },
      { onboarding: false, win_back: false, trial_upsell: false },
    ],
  ])('%s', (_name, facts, expected) => {
    const matched = Object.fromEntries(
      CAMPAIGN_TEMPLATES.map((t) => [t.key, evaluateAudience(t.audience, { ...NEWCOMER, ...facts }, NOW).matched]),
    );

    expect(matched).toEqual(expected);
  });

  test('onboarding says "no entitlement at all", which `lacks` cannot', () => {
    expect(JSON.stringify(template('onboarding')?.audience)).toContain('"has_none"');
  });
});
