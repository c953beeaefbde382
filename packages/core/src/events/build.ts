import type { StorePlatform } from '../catalog.js';
import type { ActiveEntitlement, CustomerJourneyState } from '../customer-state.js';
import type { PurchaseState } from '../purchase-state.js';
import type { EventType } from './event-types.js';
import type { DevicePayload, ExternalIdPayload, PurchasePayload } from './schemas.js';

/** The user as every event describes them, at the moment of the event. */
export interface UserSnapshot {
  appId: string;
  userId: string;
  activeEntitlements: ActiveEntitlement[];
  journey: CustomerJourneyState;
  devices: DevicePayload[];
  externalIds: ExternalIdPayload[];
}

/** What an event says of itself, before anything of its user. */
export function eventHeader(type: EventType, input: { id: string; at: Date; platform: StorePlatform }) {
  return {
    id: input.id,
    event_type: type,
    event_platform: input.platform,
    created_date: input.at.toISOString(),
  };
}

/**
 * What every event says of its user beyond their ids: the part a write may keep and reuse
 * for the user's next events while nothing it is made from changes.
 */
export function userFields(user: UserSnapshot) {
  return {
    active_entitlements: user.activeEntitlements,
    customer_journey_state: user.journey,
    devices: user.devices,
    external_ids: user.externalIds,
  };
}

/** The seed's user payload: what every event carries before its own fields. */
export function eventEnvelope(
  type: EventType,
  input: { id: string; at: Date; platform: StorePlatform; user: UserSnapshot },
) {
  return {
    ...eventHeader(type, input),
    app_id: input.user.appId,
    user_id: input.user.userId,
    ...userFields(input.user),
  };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function purchasePayload(purchaseId: string, appPlatformId: string, state: PurchaseState): PurchasePayload {
  return {
    id: purchaseId,
    app_platform_id: appPlatformId,
    store: state.store,
    environment: state.environment,
    store_purchase_id: state.storePurchaseId,
    sku_ref_id: state.skuRefId,
    product_type: state.productType,
    status: state.status,
    period_kind: state.periodKind,
    purchased_at: state.purchasedAt.toISOString(),
    period_start: iso(state.periodStart),
    expires_at: iso(state.expiresAt),
    auto_renew: state.autoRenew,
    renews_to_sku_ref_id: state.renewsToSkuRefId,
    grace_period_ends_at: iso(state.gracePeriodEndsAt),
    resumes_at: iso(state.resumesAt),
  };
}
