/** Attempts a delivery gets before it is dead-lettered: the first and nine retries, about three days. */
export const MAX_DELIVERY_ATTEMPTS = 10;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The Standard Webhooks example schedule: the wait after the 1st, 2nd, … 9th failed attempt. */
const WAITS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR];
const JITTER = 0.1;

/**
 * How long to wait after `failedAttempts` failures, ±10 % by `random` ∈ [0, 1) so that
 * deliveries failed together do not come back together; null when the attempts are spent.
 */
export function retryDelayMs(failedAttempts: number, random: number): number | null {
  if (failedAttempts >= MAX_DELIVERY_ATTEMPTS) {
    return null;
  }
  const wait = WAITS_MS[Math.max(1, Math.floor(failedAttempts)) - 1] ?? null;
  if (wait === null) {
    return null;
  }
  const clamped = Math.min(Math.max(random, 0), 1);
  return Math.round(wait * (1 + JITTER * (2 * clamped - 1)));
}
