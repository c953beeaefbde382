import { createHash } from 'node:crypto';
import type { ResolvePlacement, ResolvePlacementInput } from './resolve-placement.js';

/** How long an answer is kept at most: how late a change made through another server is seen. */
export const ANSWER_MEMORY_MS = 10_000;
const MAX_DEVICES = 100_000;

export type PlacementReply = { outcome: 'answered'; body: string; etag: string } | { outcome: 'device_not_found' };

interface Kept {
  appPlatformId: string;
  body: string;
  etag: string;
  /** The forgetting clock when the answer was read: anything forgotten later makes it stale. */
  readAt: number;
  /** Epoch ms after which time alone (a schedule, an expiry, the memory limit) may change it. */
  until: number;
}

interface DeviceAnswers {
  appId: string;
  userId: string | null;
  forgottenAt: number;
  byPlacement: Map<string, Kept>;
}

/**
 * The answers devices were given at placements, kept per device, so that an app asking at
 * every start costs no database read. An answer is given again until time alone could change
 * it (`changesAt`), at most ANSWER_MEMORY_MS, or until something is forgotten that it was read
 * before: the writes made through this server say what they changed (`forgetDevice`,
 * `forgetApp`, `forgetEverything`), so a device sees its own changes, and an operator's, at once.
 */
export function answerCache(resolvePlacement: ResolvePlacement, options: { now: () => Date; maxDevices?: number }) {
  const maxDevices = options.maxDevices ?? MAX_DEVICES;
  const devices = new Map<string, DeviceAnswers>();
  const devicesOfUser = new Map<string, Set<string>>();
  const appForgottenAt = new Map<string, number>();
  let clock = 0;
  let everythingForgottenAt = 0;
  // Devices dropped for room take their forgetting with them: anything read before is stale.
  let droppedForgottenAt = 0;

  const deviceKey = (appId: string, deviceId: string) => `${appId}/${deviceId}`;
  const userKey = (appId: string, userId: string) => `${appId}/${userId}`;

  const forgetKey = (appId: string, key: string) => {
    const device = devices.get(key);
    if (device) {
      device.forgottenAt = ++clock;
      device.byPlacement.clear();
    } else {
      // Remembered even unanswered: a read under way for it must not be kept.
      remember(key, { appId, userId: null, forgottenAt: ++clock, byPlacement: new Map() });
    }
  };

  const remember = (key: string, device: DeviceAnswers) => {
    devices.delete(key);
    devices.set(key, device);
    while (devices.size > maxDevices) {
      const [oldestKey, oldest] = devices.entries().next().value as [string, DeviceAnswers];
      droppedForgottenAt = Math.max(droppedForgottenAt, oldest.forgottenAt);
      devices.delete(oldestKey);
      linkUser(oldestKey, oldest, null);
    }
  };

  const linkUser = (key: string, device: DeviceAnswers, userId: string | null) => {
    if (device.userId !== null) {
      const others = devicesOfUser.get(userKey(device.appId, device.userId));
      others?.delete(key);
      if (others?.size === 0) {
        devicesOfUser.delete(userKey(device.appId, device.userId));
      }
    }
    device.userId = userId;
    if (userId !== null) {
      const others = devicesOfUser.get(userKey(device.appId, userId)) ?? new Set<string>();
      others.add(key);
      devicesOfUser.set(userKey(device.appId, userId), others);
    }
  };

  const fresh = (device: DeviceAnswers, kept: Kept, appPlatformId: string, nowMs: number) =>
    kept.appPlatformId === appPlatformId &&
    nowMs < kept.until &&
    kept.readAt >= Math.max(device.forgottenAt, appForgottenAt.get(device.appId) ?? 0, everythingForgottenAt);

  return {
    async answer(input: ResolvePlacementInput): Promise<PlacementReply> {
      const key = deviceKey(input.appId, input.deviceId);
      const known = devices.get(key);
      const kept = known?.byPlacement.get(input.placement);
      if (known && kept && fresh(known, kept, input.appPlatformId, options.now().getTime())) {
        return { outcome: 'answered', body: kept.body, etag: kept.etag };
      }
      const readAt = clock;
      const result = await resolvePlacement(input);
      if (result.outcome === 'device_not_found') {
        return result;
      }
      const body = JSON.stringify(result.answer);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const nowMs = options.now().getTime();
      const until = Math.min(nowMs + ANSWER_MEMORY_MS, result.changesAt?.getTime() ?? Number.POSITIVE_INFINITY);
      const device = devices.get(key) ?? {
        appId: input.appId,
        userId: null,
        forgottenAt: droppedForgottenAt,
        byPlacement: new Map<string, Kept>(),
      };
      if (device.userId !== result.userId) {
        linkUser(key, device, result.userId);
      }
      device.byPlacement.set(input.placement, { appPlatformId: input.appPlatformId, body, etag, readAt, until });
      remember(key, device);
      return { outcome: 'answered', body, etag };
    },

    /** A device changed (its facts, its user): its answers and those of its user's other devices. */
    forgetDevice(appId: string, deviceId: string): void {
      const key = deviceKey(appId, deviceId);
      const userId = devices.get(key)?.userId ?? null;
      const keys = userId === null ? [key] : [key, ...(devicesOfUser.get(userKey(appId, userId)) ?? [])];
      for (const one of new Set(keys)) {
        forgetKey(appId, one);
      }
    },

    /** Something of the whole app changed: its campaigns, paywalls, catalog or customers. */
    forgetApp(appId: string): void {
      appForgottenAt.set(appId, ++clock);
    },

    /** A change whose app is not known here (a store's notification). */
    forgetEverything(): void {
      everythingForgottenAt = ++clock;
    },
  };
}
export type AnswerCache = ReturnType<typeof answerCache>;
