import { describe, expect, test } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './retry.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('retryDelayMs', () => {
  test.each([
    [1, 5 * SECOND],
    [2, 5 * MINUTE],
    [3, 30 * MINUTE],
    [4, 2 * HOUR],
    [5, 5 * HOUR],
    [6, 10 * HOUR],
    [7, 14 * HOUR],
    [8, 20 * HOUR],
    [9, 24 * HOUR],
  ])('after failure %i, %i ms without jitter', (failures, ms) => {
    expect(retryDelayMs(failures, 0.5)).toBe(ms);
  });

  test('rises with every failure', () => {
    for (const random of [0, 0.5, 0.999]) {
      const delays = Array.from({ length: 9 }, (_, n) => retryDelayMs(n + 1, random) ?? Number.NaN);
      expect(delays).toEqual([...delays].sort((a, b) => a - b));
      expect(new Set(delays).size).toBe(9);
    }
  });

  test.each([0, 0.1, 0.5, 0.9, 0.999999])('jitter stays within ±10 %% (random %d)', (random) => {
    for (let failures = 1; failures < MAX_DELIVERY_ATTEMPTS; failures++) {
      const base = retryDelayMs(failures, 0.5) ?? 0;
      const delay = retryDelayMs(failures, random) ?? 0;
      expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.9));
      expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.1));
    }
    expect(retryDelayMs(1, 0)).toBe(4500);
    expect(retryDelayMs(1, 0.999999)).toBe(5500);
  });

  test('after the 10th failed attempt: none, the delivery is dead', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(10);
    expect(retryDelayMs(9, 0.5)).not.toBeNull();
    expect(retryDelayMs(10, 0.5)).toBeNull();
    expect(retryDelayMs(11, 0.5)).toBeNull();
  });

  test('the whole schedule spans about three days', () => {
    const total = Array.from({ length: 9 }, (_, n) => retryDelayMs(n + 1, 0.5) ?? 0).reduce((a, b) => a + b, 0);
    expect(total / HOUR).toBeCloseTo(75.6, 1);
  });
});
