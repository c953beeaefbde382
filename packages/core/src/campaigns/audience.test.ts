import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { customerJourneyState } from '../customer-state.js';
import { type Audience, audienceSchema, MAX_AUDIENCE_CONDITIONS, MAX_AUDIENCE_DEPTH } from './audience.js';
import { AUDIENCE_ATTRIBUTES, JOURNEY_FLAGS } from './condition.js';

const FRENCH: Audience = { attribute: 'country', operator: 'in', value: ['FR'] };
const LOYAL: Audience = { attribute: 'session_count', operator: 'gte', value: 10 };

/** As the server sees it: the audience is a field of a request body. */
const body = z.strictObject({ audience: audienceSchema.nullable() });

function problems(audience: unknown): { path: string; message: string }[] {
  const result = body.safeParse({ audience });
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Wraps a rule in `levels` groups, alternating all and any. */
function nested(levels: number, rule: Audience = LOYAL): Audience {
  return levels === 0 ? rule : levels % 2 ? { all: [nested(levels - 1, rule)] } : { any: [nested(levels - 1, rule)] };
}

describe('the audience language', () => {
  test('its journey flags are exactly those of the customer journey state', () => {
    expect([...JOURNEY_FLAGS].sort()).toEqual(Object.keys(customerJourneyState([], new Date())).sort());
  });

  test('the JSON Schema holds the condition once, however deep the tree', () => {
    const schema = z.toJSONSchema(audienceSchema);

    expect(Object.keys(schema.$defs ?? {})).toEqual(['AudienceCondition']);
    expect(JSON.stringify(schema).length).toBeLessThan(10_000);
  });
});

const VALID: [string, Audience | null][] = [
  ['no audience: everyone', null],
  ['a single condition', FRENCH],
  ['journey state', { attribute: 'journey_state', operator: 'is_not', value: 'former_subscriber' }],
  ['an entitlement', { attribute: 'entitlement', operator: 'lacks', value: 'premium.monthly' }],
  ['any entitlement', { attribute: 'entitlement', operator: 'has_any' }],
  ['no entitlement', { attribute: 'entitlement', operator: 'has_none' }],
  ['platforms', { attribute: 'platform', operator: 'not_in', value: ['roku'] }],
  ['languages', { attribute: 'language', operator: 'in', value: ['en', 'pt-BR', 'zh-Hant-TW'] }],
  ['an app version', { attribute: 'app_version', operator: 'lt', value: '2.3.1' }],
  ['a session count', LOYAL],
  ['days since first seen', { attribute: 'days_since_first_seen', operator: 'eq', value: 0 }],
  ['groups', { all: [FRENCH, { any: [LOYAL, { attribute: 'platform', operator: 'in', value: ['apple'] }] }] }],
  [`groups ${MAX_AUDIENCE_DEPTH} deep`, nested(MAX_AUDIENCE_DEPTH)],
  [`${MAX_AUDIENCE_CONDITIONS} conditions`, { any: Array.from({ length: MAX_AUDIENCE_CONDITIONS }, () => LOYAL) }],
];

describe('valid audiences', () => {
  test('the examples use every attribute', () => {
    const used = new Set(
      VALID.flatMap(([, audience]) => (audience !== null && 'attribute' in audience ? [audience.attribute] : [])),
    );

    expect([...used].sort()).toEqual([...AUDIENCE_ATTRIBUTES].sort());
  });

  test.each(VALID)('%s', (_name, audience) => {
    expect(problems(audience)).toEqual([]);
  });
});

describe('invalid audiences, each problem at its path', () => {
  test.each<[string, unknown, { path: string; message: RegExp }[]]>([
    [
      'a lowercase country, deep in the tree',
      { all: [FRENCH, { any: [LOYAL, { attribute: 'country', operator: 'in', value: ['US', 'ca'] }] }] },
      [{ path: 'audience.all.1.any.1.value.1', message: /ISO 3166-1 alpha-2/ }],
    ],
    ['an empty all', { all: [] }, [{ path: 'audience.all', message: /at least one rule.*leave the audience null/ }]],
    ['an empty any', { all: [FRENCH, { any: [] }] }, [{ path: 'audience.all.1.any', message: /at least one rule/ }]],
    [
      'an empty list',
      { attribute: 'platform', operator: 'in', value: [] },
      [{ path: 'audience.value', message: /at least one/ }],
    ],
    [
      'an unknown platform',
      { all: [{ attribute: 'platform', operator: 'in', value: ['web'] }] },
      [{ path: 'audience.all.0.value.0', message: /apple.*google.*roku/ }],
    ],
    [
      'an unknown attribute',
      { any: [FRENCH, { attribute: 'age', operator: 'gt', value: 18 }] },
      [{ path: 'audience.any.1.attribute', message: /attribute is one of journey_state, entitlement/ }],
    ],
    [
      'a wrong operator',
      { attribute: 'country', operator: 'is', value: ['FR'] },
      [{ path: 'audience.operator', message: /in.*not_in/ }],
    ],
    [
      'an entitlement without its value',
      { attribute: 'entitlement', operator: 'has' },
      [{ path: 'audience.value', message: /string/ }],
    ],
    [
      'has_none with a value',
      { attribute: 'entitlement', operator: 'has_none', value: 'premium' },
      [{ path: 'audience', message: /value/ }],
    ],
    [
      'an unknown journey flag',
      { attribute: 'journey_state', operator: 'is', value: 'trialing' },
      [{ path: 'audience.value', message: /in_trial_period/ }],
    ],
    [
      'a version that is not one',
      { attribute: 'app_version', operator: 'gte', value: '2.x' },
      [{ path: 'audience.value', message: /dotted version/ }],
    ],
    [
      'a negative count',
      { attribute: 'session_count', operator: 'gt', value: -1 },
      [{ path: 'audience.value', message: /0 or more/ }],
    ],
    [
      'a fractional count',
      { attribute: 'days_since_first_seen', operator: 'gt', value: 1.5 },
      [{ path: 'audience.value', message: /whole number/ }],
    ],
    ['a stray key on a condition', { ...FRENCH, note: 'x' }, [{ path: 'audience', message: /note/ }]],
    ['both all and any', { all: [FRENCH], any: [LOYAL] }, [{ path: 'audience', message: /any/ }]],
    ['a string', 'everyone', [{ path: 'audience', message: /object/ }]],
    [
      `groups ${MAX_AUDIENCE_DEPTH + 1} deep`,
      nested(MAX_AUDIENCE_DEPTH + 1),
      [{ path: 'audience.all.0.any.0.all.0.any.0', message: /nest at most 4 deep/ }],
    ],
    [
      `${MAX_AUDIENCE_CONDITIONS + 1} conditions`,
      { all: Array.from({ length: 51 }, () => LOYAL) },
      [{ path: 'audience', message: /at most 50 conditions/ }],
    ],
  ])('%s', (_name, audience, expected) => {
    expect(problems(audience)).toEqual(
      expected.map(({ path, message }) => ({ path, message: expect.stringMatching(message) })),
    );
  });

  test('a tree thousands of groups deep is refused at the depth limit, without recursing through it', () => {
    let audience: unknown = LOYAL;
    for (let level = 0; level < 50_000; level++) {
      audience = { all: [audience] };
    }

    expect(problems(audience)).toEqual([
      { path: 'audience.all.0.all.0.all.0.all.0', message: expect.stringMatching(/4 deep/) },
    ]);
  });

  test('every bad rule is reported, not just the first', () => {
    expect(
      problems({ all: [{ all: [] }, { attribute: 'country', operator: 'in', value: ['fr'] }] }).map((p) => p.path),
    ).toEqual(['audience.all.0.all', 'audience.all.1.value.0']);
  });
});
