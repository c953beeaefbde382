import type { EventPayload } from '@tollgate/core';

/** The user attributes the seeds promise on every `user.*` event, under their seed names. */
export interface UserAttributes {
  namiml_active_entitlements: string[];
  namiml_active_skus: string[];
  namiml_device_ids: string[];
  /** One app platform id per device, in the order of `namiml_device_ids`. */
  namiml_device_platforms: string[];
  namiml_former_subscriber: boolean;
  namiml_in_grace_period: boolean;
  namiml_in_trial_period: boolean;
  namiml_in_intro_offer_period: boolean;
}

export function userAttributes(payload: EventPayload): UserAttributes {
  const journey = payload.customer_journey_state;
  return {
    namiml_active_entitlements: payload.active_entitlements.map((entitlement) => entitlement.entitlement_ref_id),
    // Several entitlements can come from one purchase: each SKU once.
    namiml_active_skus: [...new Set(payload.active_entitlements.map((entitlement) => entitlement.sku_ref_id))],
    namiml_device_ids: payload.devices.map((device) => device.id),
    namiml_device_platforms: payload.devices.map((device) => device.platform.id),
    namiml_former_subscriber: journey.former_subscriber,
    namiml_in_grace_period: journey.in_grace_period,
    namiml_in_trial_period: journey.in_trial_period,
    namiml_in_intro_offer_period: journey.in_intro_offer_period,
  };
}

/** The seeds send the attributes on user events only: device events describe a device. */
export function isUserEvent(type: string): boolean {
  return type.startsWith('user.');
}
