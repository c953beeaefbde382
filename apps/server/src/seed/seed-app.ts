import type { SeedApi } from './api.js';
import { createDemoApp } from './demo-app.js';
import { seedCustomer } from './demo-customer.js';
import type { Progress } from './progress.js';
import { seededRandom } from './random.js';

export interface SeedOptions {
  users: number;
  /** The same seed makes the same customers. */
  seed: number;
  /** Customers told at once. */
  concurrency: number;
  now: number;
}

/**
 * A demo app with `users` customers, each told through the public APIs. Every customer has
 * a generator of its own, so the outcome does not depend on how the calls interleave.
 */
export async function seedDemoApp(
  api: SeedApi,
  adminKey: string,
  options: SeedOptions,
  progress: Progress,
): Promise<{ appId: string; name: string }> {
  const name = `Demo radio (seed ${options.seed})`;
  const app = await createDemoApp(api, adminKey, name);
  let next = 0;
  const worker = async () => {
    while (next < options.users) {
      const index = next++;
      await seedCustomer({
        api,
        adminKey,
        app,
        random: seededRandom(options.seed * 1_000_003 + index),
        index,
        now: options.now,
      });
      progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.users) }, worker));
  progress.done();
  return { appId: app.appId, name };
}
