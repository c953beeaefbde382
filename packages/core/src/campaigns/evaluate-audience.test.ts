import { describe, expect, test } from 'vitest';
import type { Audience } from './audience.js';
import type { Condition } from './condition.js';
import { type AudienceFacts, evaluateAudience } from './evaluate-audience.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const FACTS: AudienceFacts = {
  journeyState: {
    former_subscriber: false,
    in_account_hold: false,
    in_grace_period: false,
    in_trial_period: true,
    in_intro_offer_period: false,
    in_pause: false,
    is_cancelled: false,
  },
  activeEntitlements: ['premium', 'podcasts'],
  platform: 'apple',
  country: 'FR',
  language: 'pt-BR',
  appVersion: '2.3.1',
  firstSeenAt: daysAgo(3.5),
  sessionCount: 4,
};

const UNKNOWN: AudienceFacts = { ...FACTS, country: null, language: null, appVersion: null, firstSeenAt: null };

function leaf(condition: Condition, facts: AudienceFacts = FACTS) {
  const { explanation } = evaluateAudience(condition, facts, NOW);
  return 'reason' in explanation && 'actual' in explanation
    ? { matched: explanation.matched, actual: explanation.actual, reason: explanation.reason }
    : explanation;
}

describe('each condition, with its reason', () => {
  test.each<[Condition, boolean, unknown, string]>([
    [{ attribute: 'journey_state', operator: 'is', value: 'in_trial_period' }, true, true, 'in_trial_period is true'],
    [
      { attribute: 'journey_state', operator: 'is_not', value: 'in_trial_period' },
      false,
      true,
      'in_trial_period is true',
    ],
    [
      { attribute: 'journey_state', operator: 'is', value: 'former_subscriber' },
      false,
      false,
      'former_subscriber is false',
    ],
    [{ attribute: 'journey_state', operator: 'is_not', value: 'in_pause' }, true, false, 'in_pause is false'],
    [{ attribute: 'entitlement', operator: 'has', value: 'premium' }, true, ['premium', 'podcasts'], 'has premium'],
    [{ attribute: 'entitlement', operator: 'lacks', value: 'premium' }, false, ['premium', 'podcasts'], 'has premium'],
    [{ attribute: 'entitlement', operator: 'lacks', value: 'video' }, true, ['premium', 'podcasts'], 'lacks video'],
    [{ attribute: 'entitlement', operator: 'has_any' }, true, ['premium', 'podcasts'], 'has premium, podcasts'],
    [{ attribute: 'entitlement', operator: 'has_none' }, false, ['premium', 'podcasts'], 'has premium, podcasts'],
    [
      { attribute: 'platform', operator: 'in', value: ['apple', 'google'] },
      true,
      'apple',
      'platform is apple, in apple, google',
    ],
    [{ attribute: 'platform', operator: 'not_in', value: ['roku'] }, true, 'apple', 'platform is apple, not in roku'],
    [{ attribute: 'country', operator: 'in', value: ['US', 'CA'] }, false, 'FR', 'country is FR, not in US, CA'],
    [{ attribute: 'country', operator: 'not_in', value: ['US', 'CA'] }, true, 'FR', 'country is FR, not in US, CA'],
    [{ attribute: 'country', operator: 'not_in', value: ['FR'] }, false, 'FR', 'country is FR, in FR'],
    [{ attribute: 'language', operator: 'in', value: ['pt'] }, true, 'pt-BR', 'language is pt-BR, in pt'],
    [{ attribute: 'language', operator: 'in', value: ['pt-br'] }, true, 'pt-BR', 'language is pt-BR, in pt-br'],
    [
      { attribute: 'language', operator: 'in', value: ['pt-PT', 'en'] },
      false,
      'pt-BR',
      'language is pt-BR, not in pt-PT, en',
    ],
    [{ attribute: 'app_version', operator: 'lt', value: '2.4' }, true, '2.3.1', 'app_version is 2.3.1, lower than 2.4'],
    [
      { attribute: 'app_version', operator: 'gte', value: '2.3.1' },
      true,
      '2.3.1',
      'app_version is 2.3.1, equal to 2.3.1',
    ],
    [
      { attribute: 'app_version', operator: 'eq', value: '2.3' },
      false,
      '2.3.1',
      'app_version is 2.3.1, higher than 2.3',
    ],
    [
      { attribute: 'app_version', operator: 'gt', value: '2.10' },
      false,
      '2.3.1',
      'app_version is 2.3.1, lower than 2.10',
    ],
    [
      { attribute: 'days_since_first_seen', operator: 'eq', value: 3 },
      true,
      3,
      'days_since_first_seen is 3, equal to 3',
    ],
    [
      { attribute: 'days_since_first_seen', operator: 'lte', value: 2 },
      false,
      3,
      'days_since_first_seen is 3, higher than 2',
    ],
    [{ attribute: 'session_count', operator: 'gt', value: 4 }, false, 4, 'session_count is 4, equal to 4'],
    [{ attribute: 'session_count', operator: 'lt', value: 5 }, true, 4, 'session_count is 4, lower than 5'],
  ])('%j: matched %s', (condition, matched, actual, reason) => {
    expect(leaf(condition)).toEqual({ matched, actual, reason });
  });

  test.each<Condition>([
    { attribute: 'country', operator: 'in', value: ['US'] },
    { attribute: 'country', operator: 'not_in', value: ['US'] },
    { attribute: 'language', operator: 'in', value: ['en'] },
    { attribute: 'language', operator: 'not_in', value: ['en'] },
    { attribute: 'app_version', operator: 'lt', value: '9' },
    { attribute: 'app_version', operator: 'gte', value: '0' },
    { attribute: 'days_since_first_seen', operator: 'gte', value: 0 },
    { attribute: 'days_since_first_seen', operator: 'lt', value: 1000 },
  ])('an unreported fact satisfies no condition, whatever the operator: %j', (condition) => {
    expect(leaf(condition, UNKNOWN)).toEqual({
      matched: false,
      actual: null,
      reason: `${condition.attribute} unknown`,
    });
  });

  test('a blank fact is an unreported one', () => {
    expect(leaf({ attribute: 'country', operator: 'not_in', value: ['US'] }, { ...FACTS, country: ' ' })).toEqual({
      matched: false,
      actual: null,
      reason: 'country unknown',
    });
  });

  test('no entitlement at all', () => {
    const facts = { ...FACTS, activeEntitlements: [] };

    expect(leaf({ attribute: 'entitlement', operator: 'has_none' }, facts)).toEqual({
      matched: true,
      actual: [],
      reason: 'has no active entitlement',
    });
    expect(leaf({ attribute: 'entitlement', operator: 'has_any' }, facts)).toMatchObject({ matched: false });
  });
});

describe('facts as devices report them', () => {
  test.each<[string, Partial<AudienceFacts>, Condition, boolean]>([
    ['a lowercase country', { country: 'fr' }, { attribute: 'country', operator: 'in', value: ['FR'] }, true],
    ['en-US is en', { language: 'en-US' }, { attribute: 'language', operator: 'in', value: ['en'] }, true],
    ['EN-gb is en', { language: 'EN-gb' }, { attribute: 'language', operator: 'in', value: ['en'] }, true],
    ["Android's en_US is en", { language: 'en_US' }, { attribute: 'language', operator: 'in', value: ['en'] }, true],
    ['eng is not en', { language: 'eng' }, { attribute: 'language', operator: 'in', value: ['en'] }, false],
    ['en is not en-US', { language: 'en' }, { attribute: 'language', operator: 'in', value: ['en-US'] }, false],
    ['2.3 is 2.3.0', { appVersion: '2.3' }, { attribute: 'app_version', operator: 'eq', value: '2.3.0' }, true],
    ['2.10 is after 2.9', { appVersion: '2.10' }, { attribute: 'app_version', operator: 'gt', value: '2.9' }, true],
    [
      'a build suffix is ignored',
      { appVersion: '2.3.1 (456)' },
      { attribute: 'app_version', operator: 'eq', value: '2.3.1' },
      true,
    ],
    [
      'so is a pre-release tag',
      { appVersion: '3.0.0-beta.2' },
      { attribute: 'app_version', operator: 'gte', value: '3' },
      true,
    ],
    [
      'seen just now is day 0',
      { firstSeenAt: NOW },
      { attribute: 'days_since_first_seen', operator: 'eq', value: 0 },
      true,
    ],
    [
      'a day is 24 hours, not a calendar date',
      { firstSeenAt: new Date(NOW.getTime() - 86_399_999) },
      { attribute: 'days_since_first_seen', operator: 'eq', value: 0 },
      true,
    ],
    [
      'first seen in the future (a skewed clock) is day 0',
      { firstSeenAt: new Date(NOW.getTime() + 86_400_000 * 2) },
      { attribute: 'days_since_first_seen', operator: 'eq', value: 0 },
      true,
    ],
  ])('%s', (_name, facts, condition, matched) => {
    expect(evaluateAudience(condition, { ...FACTS, ...facts }, NOW).matched).toBe(matched);
  });

  test('a version that is no version is unknown, and says what it was', () => {
    expect(leaf({ attribute: 'app_version', operator: 'lt', value: '3' }, { ...FACTS, appVersion: 'beta' })).toEqual({
      matched: false,
      actual: 'beta',
      reason: "app_version unknown: 'beta' is not a version number",
    });
  });
});

describe('groups', () => {
  const FRENCH: Condition = { attribute: 'country', operator: 'in', value: ['FR'] };
  const ROKU: Condition = { attribute: 'platform', operator: 'in', value: ['roku'] };

  test.each<[string, Audience, boolean]>([
    ['all, all true', { all: [FRENCH, FRENCH] }, true],
    ['all, one false', { all: [FRENCH, ROKU] }, false],
    ['any, one true', { any: [ROKU, FRENCH] }, true],
    ['any, all false', { any: [ROKU, ROKU] }, false],
    ['nested', { all: [FRENCH, { any: [ROKU, { all: [FRENCH] }] }] }, true],
    ['an empty all (which the schema refuses) matches everyone', { all: [] }, true],
    ['an empty any (which the schema refuses) matches no one', { any: [] }, false],
  ])('%s', (_name, audience, matched) => {
    expect(evaluateAudience(audience, FACTS, NOW).matched).toBe(matched);
  });

  test('the explanation mirrors the tree, every rule evaluated even once the answer is known', () => {
    expect(evaluateAudience({ all: [ROKU, { any: [FRENCH, ROKU] }] }, FACTS, NOW)).toEqual({
      matched: false,
      explanation: {
        group: 'all',
        matched: false,
        children: [
          { condition: ROKU, actual: 'apple', matched: false, reason: 'platform is apple, not in roku' },
          {
            group: 'any',
            matched: true,
            children: [
              { condition: FRENCH, actual: 'FR', matched: true, reason: 'country is FR, in FR' },
              { condition: ROKU, actual: 'apple', matched: false, reason: 'platform is apple, not in roku' },
            ],
          },
        ],
      },
    });
  });

  test('no audience is everyone, and says so', () => {
    expect(evaluateAudience(null, UNKNOWN, NOW)).toEqual({
      matched: true,
      explanation: { everyone: true, matched: true, reason: 'No audience: every user matches' },
    });
  });
});
