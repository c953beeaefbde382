import { z } from 'zod';
import { Problem } from '../../problem.js';
import { id, timestamp } from '../../schemas.js';

/** Ids the device makes for what it reports, so that a retry lands on the same row. */
export const clientId = id.describe('A UUID the device makes; sending it again is harmless');

/** A name the app gives something (a paywall, a campaign, a variant). */
export const label = z.string().trim().min(1).max(200);

export const deviceParams = z.strictObject({ deviceId: clientId });

/** A moment on the device's clock; now by default. */
export const deviceTime = timestamp.optional().describe("When it happened on the device; the server's time by default");

export function deviceNotFound(deviceId: string): Problem {
  return new Problem(404, 'device_not_found', `There is no device ${deviceId} on this app platform: register it first`);
}
