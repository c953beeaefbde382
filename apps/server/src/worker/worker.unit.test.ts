import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import type { Deps } from '../deps.js';
import { type PeriodicTask, startWorker } from './worker.js';

const deps = {} as Deps;
const silent = pino({ level: 'silent' });

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 5000;
    const poll = () => {
      if (condition()) {
        resolve();
      } else if (Date.now() > deadline) {
        reject(new Error('condition not met in time'));
      } else {
        setTimeout(poll, 5);
      }
    };
    poll();
  });
}

describe('the worker', () => {
  test('runs each task at start and again on its schedule', async () => {
    let runs = 0;
    const task: PeriodicTask = {
      name: 'count',
      everyMs: 10,
      run: async () => {
        runs++;
        return null;
      },
    };

    const worker = startWorker(deps, silent, [task]);
    await until(() => runs >= 3);
    await worker.stop();

    expect(runs).toBeGreaterThanOrEqual(3);
  });

  test('a failing run is logged and the task keeps its schedule', async () => {
    let runs = 0;
    const task: PeriodicTask = {
      name: 'flaky',
      everyMs: 5,
      run: async () => {
        runs++;
        if (runs === 1) {
          throw new Error('database went away');
        }
        return null;
      },
    };

    const worker = startWorker(deps, silent, [task]);
    await until(() => runs >= 2);
    await worker.stop();

    expect(runs).toBeGreaterThanOrEqual(2);
  });

  test('stop waits for the run in progress and schedules no more', async () => {
    let finished = 0;
    let started = 0;
    let release = () => {};
    const task: PeriodicTask = {
      name: 'slow',
      everyMs: 1,
      run: () => {
        started++;
        return new Promise((resolve) => {
          release = () => {
            finished++;
            resolve(null);
          };
        });
      },
    };
    const worker = startWorker(deps, silent, [task]);
    await until(() => started === 1);

    const stopped = worker.stop();
    release();
    await stopped;
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(finished).toBe(1);
    expect(started).toBe(1);
  });
});
