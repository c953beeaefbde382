import { describe, expect, test } from 'vitest';
import { type ConditionNode, describeAudience, fromApi, newCondition, newGroup, toApi } from './audience.js';

// The rule builder edits a tree whose root is always a group; what it sends is the API's audience.

const condition = (attribute: ConditionNode['attribute'], operator: string, value: string | string[]) => ({
  ...newCondition(attribute),
  operator,
  value,
});

describe('the audience as the rule builder edits it', () => {
  test('everyone (null) is an empty root group, and an empty root is sent as null', () => {
    const root = fromApi(null);
    expect(root).toMatchObject({ kind: 'group', join: 'all', children: [] });
    expect(toApi(root)).toBeNull();
  });

  test('a bare condition comes back bare, not as a group of one', () => {
    const audience = { attribute: 'journey_state', operator: 'is', value: 'former_subscriber' } as const;
    const root = fromApi(audience);
    expect(root.children).toHaveLength(1);
    expect(toApi(root)).toEqual(audience);
  });

  test('nested groups go and come back as they were', () => {
    const audience = {
      any: [
        { attribute: 'platform', operator: 'in', value: ['apple', 'google'] },
        {
          all: [
            { attribute: 'country', operator: 'not_in', value: ['US', 'CA'] },
            { attribute: 'session_count', operator: 'gte', value: 3 },
            { attribute: 'entitlement', operator: 'has_none' },
          ],
        },
      ],
    };
    expect(toApi(fromApi(audience))).toEqual(audience);
  });

  test('typed values become the API’s: codes split at commas, whole numbers as numbers, the rest as typed', () => {
    const root = newGroup('all', [
      condition('language', 'in', ' en, pt-BR ,, '),
      condition('days_since_first_seen', 'lt', ' 7 '),
      condition('session_count', 'eq', 'many'),
      condition('app_version', 'gte', '2.3 '),
      condition('entitlement', 'has_any', 'ignored'),
    ]);
    expect(toApi(root)).toEqual({
      all: [
        { attribute: 'language', operator: 'in', value: ['en', 'pt-BR'] },
        { attribute: 'days_since_first_seen', operator: 'lt', value: 7 },
        // Not a number: sent so, for the API to say what it wants beside the field.
        { attribute: 'session_count', operator: 'eq', value: 'many' },
        { attribute: 'app_version', operator: 'gte', value: '2.3' },
        { attribute: 'entitlement', operator: 'has_any' },
      ],
    });
  });

  test('said in words for the campaign list', () => {
    expect(describeAudience(null)).toBe('Everyone');
    expect(
      describeAudience({
        all: [
          { attribute: 'platform', operator: 'in', value: ['apple'] },
          {
            any: [
              { attribute: 'journey_state', operator: 'is', value: 'in_trial_period' },
              { attribute: 'country', operator: 'in', value: ['FR', 'BE'] },
            ],
          },
        ],
      }),
    ).toBe('Platform is one of Apple and (Journey state is In a free trial or Country is one of FR, BE)');
  });
});
