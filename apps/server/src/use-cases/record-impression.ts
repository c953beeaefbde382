import type { Deps } from '../deps.js';
import { recordDeviceEvent } from './device-events.js';
import type { SdkCaller } from './sdk-caller.js';

export interface ImpressionInput {
  caller: SdkCaller;
  deviceId: string;
  impressionId: string;
  paywallId: string;
  campaignId: string | null;
  variant: string | null;
  occurredAt: Date | null;
}

export type RecordImpressionResult =
  | { outcome: 'recorded' }
  /** The same impression id again: a retry. */
  | { outcome: 'already_recorded' }
  | { outcome: 'device_not_found' };

/** A paywall was shown on the device: `device.impression`, once per impression id. */
export function recordImpression(deps: Deps, input: ImpressionInput): Promise<RecordImpressionResult> {
  const { caller } = input;
  return deps.db.transaction().execute(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .select('user_id')
      .where('app_id', '=', caller.app_id)
      .where('id', '=', input.deviceId)
      .where('app_platform_id', '=', caller.id)
      .executeTakeFirst();
    if (!device) {
      return { outcome: 'device_not_found' } as const;
    }
    // A device clock that runs ahead would date the impression after the purchase it led to.
    const now = deps.now();
    const occurredAt = input.occurredAt && input.occurredAt < now ? input.occurredAt : now;
    const inserted = await trx
      .insertInto('impressions')
      .values({
        app_id: caller.app_id,
        id: input.impressionId,
        device_id: input.deviceId,
        user_id: device.user_id,
        paywall_id: input.paywallId,
        campaign_id: input.campaignId,
        variant: input.variant,
        occurred_at: occurredAt,
      })
      .onConflict((conflict) => conflict.columns(['app_id', 'id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      return { outcome: 'already_recorded' } as const;
    }
    await recordDeviceEvent(trx, deps, {
      appId: caller.app_id,
      userId: device.user_id,
      deviceId: input.deviceId,
      platform: caller.store,
      type: 'device.impression',
      fields: {
        impression: {
          id: input.impressionId,
          paywall_id: input.paywallId,
          campaign_id: input.campaignId,
          variant: input.variant,
          occurred_at: occurredAt.toISOString(),
        },
      },
    });
    return { outcome: 'recorded' } as const;
  });
}
