import type { CampaignRule } from './choose.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The moments of a user's life that time alone moves past: when their access can end. */
export interface TimedFacts {
  firstSeenAt: Date | null;
  /** Expiries and ends of grace periods of the user's purchases; past ones are ignored. */
  accessEndsAt: readonly Date[];
}

/**
 * The first instant after `now` at which time alone could change the campaign a user is
 * chosen: a campaign's schedule starting or ending, the user's next whole day since first
 * seen, or one of their purchases ceasing to give access. Until then, the same facts give the
 * same choice; null when no such instant is ahead.
 */
export function choiceChangesAt(rules: readonly CampaignRule[], facts: TimedFacts, now: Date): Date | null {
  const ahead = [
    ...rules.flatMap((rule) => [rule.startsAt, rule.endsAt]),
    ...facts.accessEndsAt,
    nextDaySinceFirstSeen(facts.firstSeenAt, now),
  ].filter((moment): moment is Date => moment !== null && moment > now);
  return ahead.length === 0 ? null : new Date(Math.min(...ahead.map((moment) => moment.getTime())));
}

/** Days since first seen are whole days (see evaluateAudience): the next one starts here. */
function nextDaySinceFirstSeen(firstSeenAt: Date | null, now: Date): Date | null {
  if (firstSeenAt === null) {
    return null;
  }
  const days = Math.max(0, Math.floor((now.getTime() - firstSeenAt.getTime()) / DAY_MS));
  return new Date(firstSeenAt.getTime() + (days + 1) * DAY_MS);
}
