import { expireSessions } from '../use-cases/expire-sessions.js';
import type { PeriodicTask } from './worker.js';

export const workerTasks: PeriodicTask[] = [
  {
    name: 'expire-sessions',
    everyMs: 10 * 60 * 1000,
    async run(deps) {
      const expired = await expireSessions(deps);
      return expired > 0 ? `deleted ${expired} expired operator session(s)` : null;
    },
  },
];
