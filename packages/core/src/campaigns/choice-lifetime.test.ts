import { describe, expect, test } from 'vitest';
import { aCampaign, FACTS, USER } from './campaign-fixtures.js';
import { choiceChangesAt, type TimedFacts } from './choice-lifetime.js';
import { type CampaignRule, chooseCampaign } from './choose.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const at = (iso: string) => new Date(iso);
const ms = (date: Date, offset: number) => new Date(date.getTime() + offset);

const NEVER: TimedFacts = { firstSeenAt: null, accessEndsAt: [] };

describe('when time alone could change the choice', () => {
  test.each<[string, CampaignRule[], TimedFacts, Date | null]>([
    ['nothing scheduled, no first sighting, no purchases', [aCampaign('a')], NEVER, null],
    [
      'a campaign that starts later',
      [aCampaign('a', { startsAt: at('2026-06-02T00:00:00Z') })],
      NEVER,
      at('2026-06-02T00:00:00Z'),
    ],
    [
      'the earliest of a start and an end',
      [
        aCampaign('a', { startsAt: at('2026-06-05T00:00:00Z') }),
        aCampaign('b', { endsAt: at('2026-06-03T00:00:00Z') }),
      ],
      NEVER,
      at('2026-06-03T00:00:00Z'),
    ],
    [
      'schedule moments already past are ignored',
      [aCampaign('a', { startsAt: at('2026-05-01T00:00:00Z'), endsAt: NOW })],
      NEVER,
      null,
    ],
    [
      'the next whole day since first seen',
      [aCampaign('a')],
      { firstSeenAt: at('2026-05-30T18:00:00Z'), accessEndsAt: [] },
      at('2026-06-01T18:00:00Z'),
    ],
    [
      'a first sighting in the future counts as day 0 until its first day ends',
      [aCampaign('a')],
      { firstSeenAt: at('2026-06-01T13:00:00Z'), accessEndsAt: [] },
      at('2026-06-02T13:00:00Z'),
    ],
    [
      'a purchase whose access ends before anything else',
      [aCampaign('a', { endsAt: at('2026-07-01T00:00:00Z') })],
      {
        firstSeenAt: at('2026-05-30T18:00:00Z'),
        accessEndsAt: [at('2026-06-01T12:30:00Z'), at('2026-05-01T00:00:00Z')],
      },
      at('2026-06-01T12:30:00Z'),
    ],
  ])('%s', (_name, rules, facts, expected) => {
    expect(choiceChangesAt(rules, facts, NOW)).toEqual(expected);
  });

  test('a user new for a day is chosen the same until the instant given, and otherwise from then', () => {
    const firstSeenAt = at('2026-05-31T20:00:00Z');
    const veterans = aCampaign('veterans', {
      priority: 1,
      audience: { attribute: 'days_since_first_seen', operator: 'gte', value: 1 },
    });
    const everyone = aCampaign('everyone', { priority: 2 });
    const facts = { ...FACTS, firstSeenAt };
    const changesAt = choiceChangesAt([veterans, everyone], { firstSeenAt, accessEndsAt: [] }, NOW);
    const chosenAt = (now: Date) =>
      chooseCampaign([veterans, everyone], 'settings', facts, USER, now).chosen?.campaignId;

    expect(changesAt).toEqual(at('2026-06-01T20:00:00Z'));
    expect([chosenAt(NOW), chosenAt(ms(changesAt ?? NOW, -1)), chosenAt(changesAt ?? NOW)]).toEqual([
      'everyone',
      'everyone',
      'veterans',
    ]);
  });
});
