import { describe, expect, test } from 'vitest';
import { allocate, variantFor } from './bucketing.js';
import { aCampaign, FACTS, USER } from './campaign-fixtures.js';
import { type CampaignOutcome, type CampaignRule, chooseCampaign } from './choose.js';
import type { Condition } from './condition.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const FRENCH: Condition = { attribute: 'country', operator: 'in', value: ['FR'] };
const GERMAN: Condition = { attribute: 'country', operator: 'in', value: ['DE'] };

function outcomes(campaigns: CampaignRule[], now = NOW) {
  const choice = chooseCampaign(campaigns, 'settings', FACTS, USER, now);
  return {
    chosen: choice.chosen?.campaignId ?? null,
    considered: choice.considered.map((c) => `${c.campaignId}:${c.outcome}`),
  };
}

const CASES: [string, CampaignRule[], string | null, string[]][] = [
  ['nothing at the placement', [], null, []],
  ['a campaign for everyone', [aCampaign('a')], 'a', ['a:chosen']],
  ['its audience matches', [aCampaign('a', { audience: FRENCH })], 'a', ['a:chosen']],
  ['its audience does not match', [aCampaign('a', { audience: GERMAN })], null, ['a:audience_mismatch']],
  ['paused', [aCampaign('a', { paused: true })], null, ['a:paused']],
  ['not started', [aCampaign('a', { startsAt: new Date(NOW.getTime() + 1) })], null, ['a:not_started']],
  ['ended', [aCampaign('a', { endsAt: NOW })], null, ['a:ended']],
  ['exactly at its start', [aCampaign('a', { startsAt: NOW })], 'a', ['a:chosen']],
  [
    'a paused campaign is paused, whatever its schedule and audience',
    [aCampaign('a', { paused: true, endsAt: NOW, audience: GERMAN })],
    null,
    ['a:paused'],
  ],
  [
    'lower priority number first; the later one is outranked',
    [aCampaign('a', { priority: 20 }), aCampaign('b', { priority: 5 })],
    'b',
    ['b:chosen', 'a:outranked'],
  ],
  [
    'a priority tie goes to the smaller id',
    [aCampaign('b', { priority: 1 }), aCampaign('a', { priority: 1 }), aCampaign('B', { priority: 1 })],
    'B',
    ['B:chosen', 'a:outranked', 'b:outranked'],
  ],
  [
    'a mismatch lets the next one be chosen',
    [aCampaign('a', { priority: 1, audience: GERMAN }), aCampaign('b', { priority: 2, audience: FRENCH })],
    'b',
    ['a:audience_mismatch', 'b:chosen'],
  ],
  [
    'after the choice, the others still say why they would not have been chosen',
    [
      aCampaign('a', { priority: 1 }),
      aCampaign('b', { priority: 2, audience: GERMAN }),
      aCampaign('c', { priority: 3, paused: true }),
    ],
    'a',
    ['a:chosen', 'b:audience_mismatch', 'c:paused'],
  ],
  [
    'the default, when nothing else applies',
    [aCampaign('a', { audience: GERMAN }), aCampaign('d', { isDefault: true })],
    'd',
    ['a:audience_mismatch', 'd:chosen'],
  ],
  [
    'the default comes last, whatever its priority, and is not needed when another applies',
    [aCampaign('d', { isDefault: true, priority: 0 }), aCampaign('a', { priority: 99 })],
    'a',
    ['a:chosen', 'd:not_needed'],
  ],
  ['the default ignores its audience', [aCampaign('d', { isDefault: true, audience: GERMAN })], 'd', ['d:chosen']],
  ['a paused default: nothing is chosen', [aCampaign('d', { isDefault: true, paused: true })], null, ['d:paused']],
  ['an ended default: nothing is chosen', [aCampaign('d', { isDefault: true, endsAt: NOW })], null, ['d:ended']],
  [
    'two defaults (which the server prevents): the first is chosen, the other outranked',
    [aCampaign('d2', { isDefault: true }), aCampaign('d1', { isDefault: true })],
    'd1',
    ['d1:chosen', 'd2:outranked'],
  ],
  ['campaigns of other placements are ignored', [aCampaign('o', { placement: 'onboarding' })], null, []],
];

describe('choosing the campaign of a placement', () => {
  test.each(CASES)('%s', (_name, campaigns, chosen, considered) => {
    expect(outcomes(campaigns)).toEqual({ chosen, considered });
  });

  test('the cases cover every outcome', () => {
    const every: CampaignOutcome[] = [
      'chosen',
      'paused',
      'not_started',
      'ended',
      'audience_mismatch',
      'outranked',
      'not_needed',
    ];
    const seen = new Set(CASES.flatMap(([, , , considered]) => considered.map((c) => c.split(':')[1])));

    expect([...seen].sort()).toEqual([...every].sort());
  });

  test('the schedule edges: running from its start (inclusive) until its end (exclusive)', () => {
    const campaign = aCampaign('a', { startsAt: NOW, endsAt: new Date(NOW.getTime() + 60_000) });
    const at = (offset: number) => outcomes([campaign], new Date(NOW.getTime() + offset)).considered;

    expect([at(-1), at(0), at(59_999), at(60_000)]).toEqual([
      ['a:not_started'],
      ['a:chosen'],
      ['a:chosen'],
      ['a:ended'],
    ]);
  });
});

describe('what the choice carries', () => {
  test("the user's variant of the chosen campaign", () => {
    const allocation = allocate(
      [
        { key: 'paywall-a', weight: 50 },
        { key: 'paywall-b', weight: 50 },
      ],
      null,
    );
    const choice = chooseCampaign([aCampaign('a', { allocation })], 'settings', FACTS, USER, NOW);

    expect(choice.chosen).toEqual({ campaignId: 'a', variant: variantFor(allocation, 'a', USER) });
  });

  test('each consideration names the campaign and, once evaluated, explains its audience', () => {
    const campaigns = [
      aCampaign('a', { priority: 1, audience: GERMAN }),
      aCampaign('b', { priority: 2, paused: true }),
      aCampaign('d', { isDefault: true }),
    ];

    expect(chooseCampaign(campaigns, 'settings', FACTS, USER, NOW).considered).toEqual([
      {
        campaignId: 'a',
        name: 'Campaign a',
        priority: 1,
        isDefault: false,
        outcome: 'audience_mismatch',
        audience: { condition: GERMAN, actual: 'FR', matched: false, reason: 'country is FR, not in DE' },
      },
      { campaignId: 'b', name: 'Campaign b', priority: 2, isDefault: false, outcome: 'paused' },
      { campaignId: 'd', name: 'Campaign d', priority: 10, isDefault: true, outcome: 'chosen' },
    ]);
  });
});
