import { describe, expect, test } from 'vitest';
import { type Allocation, allocate, BUCKETS, bucketOf, movedBuckets, variantFor } from './bucketing.js';

const CAMPAIGN = '0190a6f2-7c1e-7b3a-9d4e-5f6a7b8c9d0e';
const USERS = 100_000;
/** UUID-like, as the server's user ids are, but made deterministically. */
const userIds = Array.from(
  { length: USERS },
  (_, i) => `${i.toString(16).padStart(8, '0')}-4f1c-4a7e-9b2d-${(i * 7919).toString(16).padStart(12, '0')}`,
);
const buckets = userIds.map((userId) => bucketOf(CAMPAIGN, userId));

const weights = (...pairs: [string, number][]) => pairs.map(([key, weight]) => ({ key, weight }));

/** Share of the users, in percent, that each variant gets. */
function shares(allocation: Allocation): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const bucket of buckets) {
    const variant = allocation[bucket] ?? 'none';
    counts[variant] = (counts[variant] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([key, count]) => [key, (100 * count) / USERS]));
}

/** Users whose variant changed, by "from->to". */
function moves(before: Allocation, after: Allocation): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const bucket of buckets) {
    const from = before[bucket];
    const to = after[bucket];
    if (from !== to) {
      counts[`${from}->${to}`] = (counts[`${from}->${to}`] ?? 0) + 1;
    }
  }
  return counts;
}

describe('buckets', () => {
  test('a user is in the same bucket of a campaign every time', () => {
    expect(bucketOf(CAMPAIGN, 'user-1')).toBe(bucketOf(CAMPAIGN, 'user-1'));
    expect(buckets.every((bucket) => Number.isInteger(bucket) && bucket >= 0 && bucket < BUCKETS)).toBe(true);
  });

  test("a user's buckets in two campaigns are unrelated", () => {
    const elsewhere = userIds.slice(0, 10_000).map((userId) => bucketOf('another-campaign', userId));
    const same = elsewhere.filter((bucket, i) => bucket === buckets[i]).length;

    expect(same).toBeLessThan(50);
  });

  test('every variant of a campaign is the same for the same user', () => {
    const allocation = allocate(weights(['a', 50], ['b', 50]), null);

    expect(variantFor(allocation, CAMPAIGN, 'user-7')).toBe(variantFor([...allocation], CAMPAIGN, 'user-7'));
  });

  test('a broken allocation is refused', () => {
    expect(() => variantFor(['a'], CAMPAIGN, 'user-7')).toThrow(/1000 buckets/);
  });
});

describe('first allocation', () => {
  test('contiguous ranges in the given order, 10 buckets a percent', () => {
    const allocation = allocate(weights(['b', 30], ['a', 0], ['c', 70]), null);

    expect(allocation).toHaveLength(BUCKETS);
    expect(allocation.slice(0, 300).every((owner) => owner === 'b')).toBe(true);
    expect(allocation.slice(300).every((owner) => owner === 'c')).toBe(true);
  });

  test('a single variant owns every bucket', () => {
    expect(new Set(allocate(weights(['only', 100]), null))).toEqual(new Set(['only']));
  });

  test.each([
    [weights(['a', 50], ['b', 40]), /add up to 90/],
    [weights(['a', 50], ['a', 50]), /repeat/],
    [weights(['a', 50.5], ['b', 49.5]), /whole percent/],
    [weights(['a', 110], ['b', -10]), /whole percent/],
    [[], /add up to 0/],
  ])('refuses bad weights %#', (bad, message) => {
    expect(() => allocate(bad, null)).toThrow(message);
  });

  test('refuses a previous allocation of the wrong size', () => {
    expect(() => allocate(weights(['a', 100]), ['a'])).toThrow(/1000 buckets/);
  });
});

describe('distribution over 100k users', () => {
  test.each([
    weights(['a', 50], ['b', 50]),
    weights(['a', 34], ['b', 33], ['c', 33]),
    weights(['a', 90], ['b', 10]),
    weights(['a', 1], ['b', 99]),
  ])('each variant gets its weight within ±1.0 percentage point: %j', (...variants) => {
    const actual = shares(allocate(variants, null));

    for (const { key, weight } of variants) {
      expect(Math.abs((actual[key] ?? 0) - weight)).toBeLessThanOrEqual(1);
    }
  });
});

describe('reallocation moves as few users as can be', () => {
  const fiftyFifty = allocate(weights(['a', 50], ['b', 50]), null);

  test('50/50 to 60/40 moves exactly 10% of buckets, and 10% of users (±1 pt), all from B to A', () => {
    const after = allocate(weights(['a', 60], ['b', 40]), fiftyFifty);
    const moved = moves(fiftyFifty, after);

    expect(movedBuckets(fiftyFifty, after)).toBe(100);
    expect(Object.keys(moved)).toEqual(['b->a']);
    expect(Math.abs((100 * (moved['b->a'] ?? 0)) / USERS - 10)).toBeLessThanOrEqual(1);
  });

  test('adding a variant (50/50 to 40/40/20) moves users only into it, 20% of buckets', () => {
    const after = allocate(weights(['a', 40], ['b', 40], ['c', 20]), fiftyFifty);

    expect(movedBuckets(fiftyFifty, after)).toBe(200);
    expect(Object.keys(moves(fiftyFifty, after)).sort()).toEqual(['a->c', 'b->c']);
  });

  test('removing a variant (40/40/20 to 50/50) moves only its users, shared out in order', () => {
    const three = allocate(weights(['a', 40], ['b', 40], ['c', 20]), null);
    const after = allocate(weights(['a', 50], ['b', 50]), three);

    expect(movedBuckets(three, after)).toBe(200);
    expect(Object.keys(moves(three, after)).sort()).toEqual(['c->a', 'c->b']);
    expect(after.filter((owner) => owner === 'a')).toHaveLength(500);
  });

  test('a variant going to 0 keeps no bucket, and coming back takes the fewest', () => {
    const off = allocate(weights(['a', 100], ['b', 0]), fiftyFifty);
    const back = allocate(weights(['a', 50], ['b', 50]), off);

    expect(off.every((owner) => owner === 'a')).toBe(true);
    expect(movedBuckets(off, back)).toBe(500);
  });

  test.each([
    ['50/50 to 60/40', weights(['a', 50], ['b', 50]), weights(['a', 60], ['b', 40])],
    ['34/33/33 to 20/30/50', weights(['a', 34], ['b', 33], ['c', 33]), weights(['a', 20], ['b', 30], ['c', 50])],
    ['a/b to b/c', weights(['a', 50], ['b', 50]), weights(['b', 30], ['c', 70])],
    ['100 to 1/99', weights(['a', 100]), weights(['a', 1], ['b', 99])],
  ])('%s moves the minimum: the sum of what the variants gained', (_name, before, after) => {
    const previous = allocate(before, null);
    const next = allocate(after, previous);
    const old = new Map(before.map(({ key, weight }) => [key, weight * 10]));
    const gained = after.reduce((sum, { key, weight }) => sum + Math.max(0, weight * 10 - (old.get(key) ?? 0)), 0);

    expect(movedBuckets(previous, next)).toBe(gained);
    for (const { key, weight } of after) {
      expect(next.filter((owner) => owner === key)).toHaveLength(weight * 10);
    }
  });

  test('reordering the variants without changing their weights moves nobody', () => {
    const three = allocate(weights(['a', 34], ['b', 33], ['c', 33]), null);

    expect(allocate(weights(['c', 33], ['a', 34], ['b', 33]), three)).toEqual(three);
  });

  test('the same weights again return the previous allocation unchanged', () => {
    const after = allocate(weights(['a', 60], ['b', 40]), fiftyFifty);

    expect(allocate(weights(['a', 60], ['b', 40]), after)).toEqual(after);
    expect(allocate(weights(['a', 50], ['b', 50]), fiftyFifty)).toEqual(fiftyFifty);
  });
});
