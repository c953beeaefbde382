import { describe, expect, test } from 'vitest';
import { earlierOrderIds } from './money.js';

describe('earlierOrderIds', () => {
  test.each([
    ['GPA.3300-0000-0000-00001', []],
    ['GPA.3300-0000-0000-00001..0', ['GPA.3300-0000-0000-00001']],
    [
      'GPA.3300-0000-0000-00001..2',
      ['GPA.3300-0000-0000-00001', 'GPA.3300-0000-0000-00001..0', 'GPA.3300-0000-0000-00001..1'],
    ],
  ])('the orders before %s are %j', (orderId, earlier) => {
    expect(earlierOrderIds(orderId)).toEqual(earlier);
  });
});
