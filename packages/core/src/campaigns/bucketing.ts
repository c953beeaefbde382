import { murmur3 } from './murmur3.js';

/** A campaign's users are split into this many buckets; a percent of the traffic is 10 of them. */
export const BUCKETS = 1000;
const BUCKETS_PER_PERCENT = BUCKETS / 100;

/** The variant key owning each bucket, by bucket number: always BUCKETS long. */
export type Allocation = string[];

export interface VariantWeight {
  key: string;
  /** A whole percent of the campaign's users, 0 to 100; a campaign's weights add up to 100. */
  weight: number;
}

const encoder = new TextEncoder();

/**
 * The user's bucket in the campaign, from their user id (not a device id), so that all their
 * devices see the same variant. Salted with the campaign id: a user's buckets in two
 * campaigns are unrelated, and being in one test's first variant says nothing of the next.
 */
export function bucketOf(campaignId: string, userId: string): number {
  return murmur3(encoder.encode(`${campaignId}:${userId}`)) % BUCKETS;
}

export function variantFor(allocation: Allocation, campaignId: string, userId: string): string {
  const variant = allocation[bucketOf(campaignId, userId)];
  if (variant === undefined) {
    throw new Error(`An allocation has ${BUCKETS} buckets, this one has ${allocation.length}`);
  }
  return variant;
}

/**
 * Which variant owns each bucket. The first allocation gives each variant a contiguous range,
 * in the given order. Afterwards, changing the weights moves as few users as can be: each
 * variant keeps its lowest-numbered buckets, up to its new share; the buckets of variants
 * that shrank or were removed go to the variants that grew, in the given order, lowest
 * bucket first. The order of the weights alone therefore never moves anyone.
 */
export function allocate(weights: readonly VariantWeight[], previous: Allocation | null): Allocation {
  checkWeights(weights);
  if (previous !== null && previous.length !== BUCKETS) {
    throw new Error(`An allocation has ${BUCKETS} buckets, the previous one has ${previous.length}`);
  }
  const wanted = new Map(weights.map(({ key, weight }) => [key, weight * BUCKETS_PER_PERCENT]));
  const kept = new Map(weights.map(({ key }) => [key, 0]));
  const owners: readonly (string | null)[] = previous ?? new Array<null>(BUCKETS).fill(null);
  // Each bucket stays with its owner while the owner still wants more; the rest are freed.
  const next = owners.map((owner) => {
    const keeping = owner === null ? undefined : kept.get(owner);
    if (owner === null || keeping === undefined || keeping >= (wanted.get(owner) ?? 0)) {
      return null;
    }
    kept.set(owner, keeping + 1);
    return owner;
  });
  const freed = next.flatMap((owner, bucket) => (owner === null ? [bucket] : []));
  let taken = 0;
  for (const { key } of weights) {
    for (let missing = (wanted.get(key) ?? 0) - (kept.get(key) ?? 0); missing > 0; missing--) {
      next[freed[taken++] ?? unreachable()] = key;
    }
  }
  return next.map((owner) => owner ?? unreachable());
}

function unreachable(): never {
  throw new Error('Weights adding up to 100 fill every bucket');
}

/** How many buckets changed owner between two allocations. */
export function movedBuckets(before: Allocation, after: Allocation): number {
  return before.filter((owner, bucket) => owner !== after[bucket]).length;
}

/** A guard: the server checks the weights first, with messages for the user. */
function checkWeights(weights: readonly VariantWeight[]): void {
  const keys = new Set(weights.map((variant) => variant.key));
  if (keys.size !== weights.length) {
    throw new Error(`Variant keys repeat: ${weights.map((variant) => variant.key).join(', ')}`);
  }
  for (const { key, weight } of weights) {
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw new Error(`Variant ${key} has weight ${weight}: a weight is a whole percent, 0 to 100`);
    }
  }
  const total = weights.reduce((sum, variant) => sum + variant.weight, 0);
  if (total !== 100) {
    throw new Error(`Variant weights add up to ${total}, not 100`);
  }
}
