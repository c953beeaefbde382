/**
 * What an edit form changed, for a PATCH: the API refuses a change of nothing, and a value left as
 * it was is not sent to be checked again. Lists compare as sets (the entitlements a SKU grants).
 */
export function changesOf<T extends object>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (!same(before[key], after[key])) {
      changes[key] = after[key];
    }
  }
  return changes;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const set = new Set<unknown>(a);
    return new Set<unknown>(b).size === set.size && b.every((item) => set.has(item));
  }
  return a === b;
}
