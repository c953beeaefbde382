import { describe, expect, test } from 'vitest';
import { type Schedule, type ScheduleStatus, scheduleProblem, scheduleStatus } from './schedule.js';

const START = new Date('2026-06-01T00:00:00Z');
const END = new Date('2026-07-01T00:00:00Z');
const ms = (date: Date, offset: number) => new Date(date.getTime() + offset);

describe('schedule status', () => {
  test.each<[string, Schedule, Date, ScheduleStatus]>([
    ['open at both ends', { startsAt: null, endsAt: null }, START, 'running'],
    ['a millisecond before the start', { startsAt: START, endsAt: END }, ms(START, -1), 'not_started'],
    ['exactly at the start (inclusive)', { startsAt: START, endsAt: END }, START, 'running'],
    ['a millisecond before the end', { startsAt: START, endsAt: END }, ms(END, -1), 'running'],
    ['exactly at the end (exclusive)', { startsAt: START, endsAt: END }, END, 'ended'],
    ['no start, before the end', { startsAt: null, endsAt: END }, START, 'running'],
    ['no end, long after the start', { startsAt: START, endsAt: null }, ms(END, 1e12), 'running'],
  ])('%s: %s', (_name, schedule, now, status) => {
    expect(scheduleStatus(schedule, now)).toBe(status);
  });

  test.each<Schedule>([
    { startsAt: END, endsAt: START },
    { startsAt: START, endsAt: START },
  ])('a schedule ending before it starts is never running: %j', (schedule) => {
    const instants = [ms(START, -1), START, ms(START, 1), ms(END, -1), END, ms(END, 1)];

    expect(instants.map((now) => scheduleStatus(schedule, now))).not.toContain('running');
  });
});

describe('schedule problems', () => {
  test.each<[Schedule, string | null]>([
    [{ startsAt: START, endsAt: END }, null],
    [{ startsAt: null, endsAt: null }, null],
    [{ startsAt: START, endsAt: null }, null],
    [{ startsAt: null, endsAt: END }, null],
    [{ startsAt: START, endsAt: START }, 'A campaign must end after it starts'],
    [{ startsAt: END, endsAt: START }, 'A campaign must end after it starts'],
  ])('%j: %s', (schedule, problem) => {
    expect(scheduleProblem(schedule)).toBe(problem);
  });
});
