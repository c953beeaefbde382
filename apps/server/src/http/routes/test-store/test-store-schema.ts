import { z } from 'zod';
import type { ApplyStoreSnapshotResult } from '../../../use-cases/apply-store-snapshot.js';
import { id, timestamp } from '../../schemas.js';

export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'An ISO 4217 code in capitals, such as USD')
  .describe('ISO 4217');

export const priceMicros = z
  .int()
  .min(0)
  .max(10_000_000_000)
  .describe('In millionths of the currency: 9.99 is 9990000');

/** A moment in the test store's life: any time, so that tests can play a year in a second. */
export const at = timestamp.optional().describe('When it happens; now by default');

export const testStoreResult = z.object({
  outcome: z.enum(['applied', 'unchanged', 'stale']),
  purchase_id: id,
  user_id: id,
  events: z.array(z.object({ id, type: z.string() })).describe('The events this step emitted, in order'),
});

export function presentTestStoreResult(result: ApplyStoreSnapshotResult): z.infer<typeof testStoreResult> {
  return {
    outcome: result.outcome,
    purchase_id: result.purchaseId,
    user_id: result.userId,
    events: result.events,
  };
}
