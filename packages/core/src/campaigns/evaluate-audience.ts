import type { StorePlatform } from '../catalog.js';
import type { CustomerJourneyState } from '../customer-state.js';
import type { Audience } from './audience.js';
import type { Condition, NumericOperator } from './condition.js';

/** What is known of the user and their device when a placement is shown. */
export interface AudienceFacts {
  journeyState: CustomerJourneyState;
  /** Entitlement ref ids. */
  activeEntitlements: readonly string[];
  platform: StorePlatform;
  /** The rest are as the device reported them; null when it did not. */
  country: string | null;
  language: string | null;
  appVersion: string | null;
  firstSeenAt: Date | null;
  sessionCount: number;
}

/** A fact's value as JSON; null when the device did not report it. */
type FactValue = string | number | boolean | readonly string[] | null;

interface ConditionExplanation {
  condition: Condition;
  actual: FactValue;
  matched: boolean;
  /** For a human: "country is FR, not in US, CA", "country unknown". */
  reason: string;
}

/** Mirrors the audience: a group's children explain its rules, in order. */
export type AudienceExplanation =
  | { everyone: true; matched: true; reason: string }
  | { group: 'all' | 'any'; matched: boolean; children: AudienceExplanation[] }
  | ConditionExplanation;

export interface AudienceVerdict {
  matched: boolean;
  explanation: AudienceExplanation;
}

const DAY_MS = 86_400_000;

/**
 * Whether the user is in the audience, and why. A null audience is everyone. Every rule is
 * evaluated, even once the answer is known, so the explanation is complete. A fact the
 * device did not report satisfies no condition on it, whatever the operator: `country
 * not_in [US]` does not match a user whose country is unknown. Groups that the schema
 * rejects still have a meaning here: an empty `all` matches everyone, an empty `any` no one.
 */
export function evaluateAudience(audience: Audience | null, facts: AudienceFacts, now: Date): AudienceVerdict {
  const explanation: AudienceExplanation =
    audience === null
      ? { everyone: true, matched: true, reason: 'No audience: every user matches' }
      : explain(audience, facts, now);
  return { matched: explanation.matched, explanation };
}

function explain(rule: Audience, facts: AudienceFacts, now: Date): AudienceExplanation {
  if ('all' in rule) {
    const children = rule.all.map((child) => explain(child, facts, now));
    return { group: 'all', matched: children.every((child) => child.matched), children };
  }
  if ('any' in rule) {
    const children = rule.any.map((child) => explain(child, facts, now));
    return { group: 'any', matched: children.some((child) => child.matched), children };
  }
  return explainCondition(rule, facts, now);
}

function explainCondition(condition: Condition, facts: AudienceFacts, now: Date): ConditionExplanation {
  const leaf = (actual: FactValue, matched: boolean, reason: string) => ({ condition, actual, matched, reason });
  const unknown = () => leaf(null, false, `${condition.attribute} unknown`);
  switch (condition.attribute) {
    case 'journey_state': {
      const actual = facts.journeyState[condition.value];
      return leaf(actual, actual === (condition.operator === 'is'), `${condition.value} is ${actual}`);
    }
    case 'entitlement': {
      const actual = facts.activeEntitlements;
      if (condition.operator === 'has' || condition.operator === 'lacks') {
        const has = actual.includes(condition.value);
        return leaf(actual, has === (condition.operator === 'has'), `${has ? 'has' : 'lacks'} ${condition.value}`);
      }
      const hasAny = actual.length > 0;
      const reason = hasAny ? `has ${actual.join(', ')}` : 'has no active entitlement';
      return leaf(actual, hasAny === (condition.operator === 'has_any'), reason);
    }
    case 'platform':
      return membership(condition, facts.platform, same);
    case 'country': {
      const country = reported(facts.country)?.toUpperCase();
      return country === undefined ? unknown() : membership(condition, country, same);
    }
    case 'language': {
      const language = reported(facts.language)?.replaceAll('_', '-');
      return language === undefined ? unknown() : membership(condition, language, languageMatches);
    }
    case 'app_version': {
      const version = reported(facts.appVersion);
      if (version === undefined) {
        return unknown();
      }
      const parts = versionParts(version);
      if (parts === null) {
        return leaf(version, false, `${condition.attribute} unknown: '${version}' is not a version number`);
      }
      const order = compareVersions(parts, versionParts(condition.value) ?? []);
      return numeric(condition, version, order);
    }
    case 'days_since_first_seen': {
      if (facts.firstSeenAt === null) {
        return unknown();
      }
      // A first sighting "in the future" (a skewed device clock) is a user new today.
      const days = Math.max(0, Math.floor((now.getTime() - facts.firstSeenAt.getTime()) / DAY_MS));
      return numeric(condition, days, Math.sign(days - condition.value));
    }
    case 'session_count':
      return numeric(condition, facts.sessionCount, Math.sign(facts.sessionCount - condition.value));
  }
}

/** A string fact the device reported: blank is as good as absent. */
function reported(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function membership(
  condition: Extract<Condition, { operator: 'in' | 'not_in' }>,
  actual: string,
  matches: (actual: string, listed: string) => boolean,
): ConditionExplanation {
  const listed: readonly string[] = condition.value;
  const isIn = listed.some((value) => matches(actual, value));
  return {
    condition,
    actual,
    matched: isIn === (condition.operator === 'in'),
    reason: `${condition.attribute} is ${actual}, ${isIn ? 'in' : 'not in'} ${listed.join(', ')}`,
  };
}

const same = (a: string, b: string) => a === b;

/** 'en' covers 'en', 'en-US' and 'EN-gb', not 'eng': a prefix ending at a subtag boundary. */
function languageMatches(device: string, listed: string): boolean {
  const tag = device.toLowerCase();
  const wanted = listed.toLowerCase();
  return tag === wanted || tag.startsWith(`${wanted}-`);
}

/** The leading dotted numbers of a version as apps report it: '2.3.1 (456)' and '2.3.1-beta' are 2.3.1. */
function versionParts(version: string): number[] | null {
  const numbers = /^v?(\d+(?:\.\d+)*)/i.exec(version)?.[1];
  return numbers === undefined ? null : numbers.split('.').map(Number);
}

/** Part by part, a missing part being 0: 2.3 equals 2.3.0. */
function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) {
      return Math.sign(difference);
    }
  }
  return 0;
}

const SATISFIED_BY: Record<NumericOperator, readonly number[]> = {
  lt: [-1],
  lte: [-1, 0],
  eq: [0],
  gte: [0, 1],
  gt: [1],
};

/** `order` is the sign of actual minus wanted. */
function numeric(
  condition: Extract<Condition, { operator: NumericOperator }>,
  actual: string | number,
  order: number,
): ConditionExplanation {
  const words = order < 0 ? 'lower than' : order > 0 ? 'higher than' : 'equal to';
  return {
    condition,
    actual,
    matched: SATISFIED_BY[condition.operator].includes(order),
    reason: `${condition.attribute} is ${actual}, ${words} ${condition.value}`,
  };
}
