import type { Audience } from './audience.js';

export interface CampaignTemplate {
  key: 'onboarding' | 'win_back' | 'trial_upsell';
  name: string;
  description: string;
  placement: string;
  audience: Audience | null;
}

/**
 * Starting points for the common campaigns. Each has a placement of its own, which the app
 * presents for every user at the moment it names (first launch, app open, …): the audience
 * then decides who sees a paywall there, and everyone else sees none, as long as the
 * placement has no default campaign. Reusing a placement such as `settings` would put these
 * users' paywall in place of the one everybody else sees there.
 */
export const CAMPAIGN_TEMPLATES: readonly CampaignTemplate[] = [
  {
    key: 'onboarding',
    name: 'Onboarding',
    description: 'A paywall for new users, who have never subscribed, as they first go through the app',
    placement: 'onboarding',
    // Never subscribed: no access now, and not a former subscriber. A subscriber on hold or
    // paused has no access either, but is not new.
    audience: {
      all: [
        { attribute: 'entitlement', operator: 'has_none' },
        { attribute: 'journey_state', operator: 'is_not', value: 'former_subscriber' },
        { attribute: 'journey_state', operator: 'is_not', value: 'in_account_hold' },
        { attribute: 'journey_state', operator: 'is_not', value: 'in_pause' },
      ],
    },
  },
  {
    key: 'win_back',
    name: 'Win back',
    description: 'An offer to users whose subscription has ended, to bring them back',
    placement: 'win_back',
    audience: { attribute: 'journey_state', operator: 'is', value: 'former_subscriber' },
  },
  {
    key: 'trial_upsell',
    name: 'Trial upsell',
    description: 'A paywall for users in a free trial, to turn them into paying subscribers before it ends',
    placement: 'trial_upsell',
    audience: { attribute: 'journey_state', operator: 'is', value: 'in_trial_period' },
  },
];
