/** When a campaign runs: either end may be open. */
export interface Schedule {
  startsAt: Date | null;
  endsAt: Date | null;
}

export type ScheduleStatus = 'not_started' | 'running' | 'ended';

/**
 * Running from `startsAt` (inclusive) until `endsAt` (exclusive), so that one campaign can
 * start at the very instant another ends without the two overlapping. A schedule that ends
 * before it starts (see `scheduleProblem`) is never running.
 */
export function scheduleStatus(schedule: Schedule, now: Date): ScheduleStatus {
  if (schedule.startsAt !== null && now < schedule.startsAt) {
    return 'not_started';
  }
  if (schedule.endsAt !== null && now >= schedule.endsAt) {
    return 'ended';
  }
  return 'running';
}

/** What is wrong with a schedule, for the server to refuse it; null when nothing is. */
export function scheduleProblem(schedule: Schedule): string | null {
  const { startsAt, endsAt } = schedule;
  return startsAt !== null && endsAt !== null && endsAt <= startsAt ? 'A campaign must end after it starts' : null;
}
