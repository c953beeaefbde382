import { describe, expect, test } from 'vitest';
import { attemptLimiter } from './attempt-limiter.js';

function limiter(maxKeys = 100) {
  let nowMs = Date.parse('2026-06-01T00:00:00Z');
  const limits = attemptLimiter({ max: 3, windowMs: 60_000, maxKeys, now: () => new Date(nowMs) });
  return { limits, advance: (ms: number) => (nowMs += ms) };
}

describe('the failed-attempt limiter', () => {
  test('lets a key fail up to the limit, then makes it wait until its oldest failure is a window old', () => {
    const { limits, advance } = limiter();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      waits.push(limits.waitMs('ann'));
      limits.failed('ann');
      advance(10_000);
    }

    expect(waits).toEqual([0, 0, 0]);
    expect(limits.waitMs('ann')).toBe(30_000);
    advance(29_999);
    expect(limits.waitMs('ann')).toBe(1);
    advance(1);
    expect(limits.waitMs('ann')).toBe(0);
  });

  test('counts each key apart, and forgets a key that succeeds', () => {
    const { limits } = limiter();
    for (let attempt = 0; attempt < 3; attempt++) {
      limits.failed('ann');
      limits.failed('bob');
    }

    limits.succeeded('bob');

    expect([limits.waitMs('ann') > 0, limits.waitMs('bob'), limits.waitMs('cid')]).toEqual([true, 0, 0]);
  });

  test('keeps at most maxKeys keys, forgetting those that failed longest ago', () => {
    const { limits } = limiter(2);
    for (const key of ['ann', 'bob', 'cid']) {
      for (let attempt = 0; attempt < 3; attempt++) {
        limits.failed(key);
      }
    }

    expect(['ann', 'bob', 'cid'].map((key) => limits.waitMs(key) > 0)).toEqual([false, true, true]);
  });
});
