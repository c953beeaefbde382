import type { Audience } from './audience.js';
import type { Allocation } from './bucketing.js';
import { variantFor } from './bucketing.js';
import { type AudienceExplanation, type AudienceFacts, evaluateAudience } from './evaluate-audience.js';
import { scheduleStatus } from './schedule.js';

/** A campaign as choosing needs it: which paywall variants a placement shows, to whom, when. */
export interface CampaignRule {
  id: string;
  name: string;
  placement: string;
  /** Lower is considered first. */
  priority: number;
  /**
   * The placement's fallback, shown only when no other campaign applies. It has no audience
   * (one it has is ignored), but pausing and scheduling it still count.
   */
  isDefault: boolean;
  paused: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  audience: Audience | null;
  /** A single-paywall campaign has one variant owning every bucket. */
  allocation: Allocation;
}

export type CampaignOutcome =
  | 'chosen'
  | 'paused'
  | 'not_started'
  | 'ended'
  | 'audience_mismatch'
  /** It applied, but a campaign considered earlier was chosen. */
  | 'outranked'
  /** A default that could have served, but another campaign applied. */
  | 'not_needed';

export interface CampaignConsideration {
  campaignId: string;
  name: string;
  priority: number;
  isDefault: boolean;
  outcome: CampaignOutcome;
  /** Present when the audience was evaluated: the campaign is running and not a default. */
  audience?: AudienceExplanation;
}

export interface Choice {
  chosen: { campaignId: string; variant: string } | null;
  /** Every campaign of the placement, in the order they were considered. */
  considered: CampaignConsideration[];
}

/**
 * The campaign, and its variant for this user, that a placement shows, with why each of the
 * placement's campaigns was or was not chosen. Campaigns are considered by priority, a tie
 * going to the smaller id (compared by code unit, the same in every runtime), then the
 * default(s) the same way. The first that runs and whose audience matches is chosen; a
 * default is chosen only when no other campaign is. Every campaign is explained fully, even
 * after the choice is made.
 */
export function chooseCampaign(
  campaigns: readonly CampaignRule[],
  placement: string,
  facts: AudienceFacts,
  userId: string,
  now: Date,
): Choice {
  const here = campaigns.filter((campaign) => campaign.placement === placement).sort(consideredBefore);
  let chosen: CampaignRule | null = null;
  const considered: CampaignConsideration[] = [];
  for (const campaign of here) {
    const consideration = consider(campaign, chosen, facts, now);
    considered.push(consideration);
    if (consideration.outcome === 'chosen') {
      chosen = campaign;
    }
  }
  return {
    chosen:
      chosen === null ? null : { campaignId: chosen.id, variant: variantFor(chosen.allocation, chosen.id, userId) },
    considered,
  };
}

/** One campaign's outcome, given what was chosen before it. */
function consider(
  campaign: CampaignRule,
  chosenBefore: CampaignRule | null,
  facts: AudienceFacts,
  now: Date,
): CampaignConsideration {
  const { id: campaignId, name, priority, isDefault } = campaign;
  const about = { campaignId, name, priority, isDefault };
  const status = campaign.paused ? 'paused' : scheduleStatus(campaign, now);
  if (status !== 'running') {
    return { ...about, outcome: status };
  }
  if (isDefault) {
    const outcome = chosenBefore === null ? 'chosen' : chosenBefore.isDefault ? 'outranked' : 'not_needed';
    return { ...about, outcome };
  }
  const audience = evaluateAudience(campaign.audience, facts, now);
  const outcome = !audience.matched ? 'audience_mismatch' : chosenBefore === null ? 'chosen' : 'outranked';
  return { ...about, outcome, audience: audience.explanation };
}

function consideredBefore(a: CampaignRule, b: CampaignRule): number {
  if (a.isDefault !== b.isDefault) {
    return a.isDefault ? 1 : -1;
  }
  if (a.priority !== b.priority) {
    return a.priority - b.priority;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
