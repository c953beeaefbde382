/**
 * Failed attempts counted per key over a sliding window: past `max` failures within `windowMs`,
 * the key waits until its oldest failure leaves the window. Kept in memory, per process, for at
 * most `maxKeys` keys (the ones failing longest ago are forgotten first).
 */
export function attemptLimiter(options: { max: number; windowMs: number; maxKeys: number; now: () => Date }) {
  const failures = new Map<string, number[]>();

  const recent = (key: string, nowMs: number): number[] => {
    const times = (failures.get(key) ?? []).filter((at) => at > nowMs - options.windowMs);
    if (times.length === 0) {
      failures.delete(key);
    }
    return times;
  };

  return {
    /** How long the key must wait before its next attempt; 0 when it may try now. */
    waitMs(key: string): number {
      const nowMs = options.now().getTime();
      const times = recent(key, nowMs);
      const oldest = times[times.length - options.max];
      return oldest === undefined ? 0 : oldest + options.windowMs - nowMs;
    },

    failed(key: string): void {
      const nowMs = options.now().getTime();
      const times = [...recent(key, nowMs), nowMs].slice(-options.max);
      // Re-inserted last: the map's first keys are those that failed longest ago.
      failures.delete(key);
      failures.set(key, times);
      for (const oldestKey of failures.keys()) {
        if (failures.size <= options.maxKeys) {
          break;
        }
        failures.delete(oldestKey);
      }
    },

    succeeded(key: string): void {
      failures.delete(key);
    },
  };
}
