// Campaigns and users for the campaign tests: one place, so that each test says only what differs.
import { allocate } from './bucketing.js';
import type { CampaignRule } from './choose.js';
import type { AudienceFacts } from './evaluate-audience.js';

export const USER = '0190a6f2-0000-7000-8000-000000000001';
const SINGLE = allocate([{ key: 'paywall-a', weight: 100 }], null);

/** A former subscriber in France on iOS, first seen on New Year's Day, with 12 sessions. */
export const FACTS: AudienceFacts = {
  journeyState: {
    former_subscriber: true,
    in_account_hold: false,
    in_grace_period: false,
    in_trial_period: false,
    in_intro_offer_period: false,
    in_pause: false,
    is_cancelled: false,
  },
  activeEntitlements: [],
  platform: 'apple',
  country: 'FR',
  language: 'fr-FR',
  appVersion: '2.3.1',
  firstSeenAt: new Date('2026-01-01T00:00:00Z'),
  sessionCount: 12,
};

/** A running campaign at `settings` showing one paywall to everyone, but for the overrides. */
export function aCampaign(id: string, overrides: Partial<CampaignRule> = {}): CampaignRule {
  return {
    id,
    name: `Campaign ${id}`,
    placement: 'settings',
    priority: 10,
    isDefault: false,
    paused: false,
    startsAt: null,
    endsAt: null,
    audience: null,
    allocation: SINGLE,
    ...overrides,
  };
}
