import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';

/** Work the worker repeats on a schedule. Each run must be safe with other workers running it too. */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  /** Returns a short note of what it did, for the log, or null when there was nothing to do. */
  run(deps: Deps): Promise<string | null>;
}

export interface RunningWorker {
  /** Stops scheduling and waits for the runs in progress to finish. */
  stop(): Promise<void>;
}

export function startWorker(deps: Deps, log: Logger, tasks: PeriodicTask[]): RunningWorker {
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();

  const schedule = (task: PeriodicTask, delayMs: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = runOnce(task).finally(() => {
        inFlight.delete(run);
        if (!stopping) {
          schedule(task, task.everyMs);
        }
      });
      inFlight.add(run);
    }, delayMs);
    timers.add(timer);
  };

  const runOnce = async (task: PeriodicTask) => {
    try {
      const note = await task.run(deps);
      if (note !== null) {
        log.info({ task: task.name }, note);
      }
    } catch (error) {
      // One failed run is logged and retried on schedule; it must not stop the worker.
      log.error({ err: error, task: task.name }, 'worker task failed');
    }
  };

  for (const task of tasks) {
    schedule(task, 0);
  }
  log.info({ tasks: tasks.map((task) => task.name) }, 'worker started');

  return {
    async stop() {
      stopping = true;
      for (const timer of timers) {
        clearTimeout(timer);
      }
      timers.clear();
      await Promise.all(inFlight);
      log.info('worker stopped');
    },
  };
}
