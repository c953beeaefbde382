import { describe, expect, test } from 'vitest';
import type { Paywall } from '../paywalls/queries.js';
import { newVariant, splitEvenly, weightSum } from './variants.js';

const paywall = (id: string) => ({ id }) as Paywall;

describe('variants', () => {
  test('“Split evenly” shares 100 in whole percents, the first taking what is left over', () => {
    const rows = [newVariant([], []), newVariant([], []), newVariant([], [])];
    expect(splitEvenly(rows).map((row) => row.weight)).toEqual(['34', '33', '33']);
    expect(weightSum(splitEvenly(rows))).toBe(100);
  });

  test('a new variant takes the next letter and a paywall no other shows; the first takes all the weight', () => {
    const first = newVariant([], [paywall('p1'), paywall('p2')]);
    expect(first).toMatchObject({ key: 'A', paywall_id: 'p1', weight: '100' });
    expect(newVariant([first], [paywall('p1'), paywall('p2')])).toMatchObject({
      key: 'B',
      paywall_id: 'p2',
      weight: '0',
    });
  });
});
