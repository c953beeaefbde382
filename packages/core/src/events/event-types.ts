/** Every event type Tollgate emits, as the product's event catalogue names them. */
export const EVENT_TYPES = [
  'device.impression',
  'device.session.start',
  'device.session.end',
  'device.transaction',
  'purchase.updated',
  'user.journey.trial.converted',
  'user.journey.trial.did_not_convert',
  'user.journey.trial.started',
  'user.subscription.cancelled',
  'user.subscription.expired',
  'user.subscription.in_grace_period',
  'user.subscription.paused',
  'user.subscription.pending_sku_change',
  'user.subscription.purchased',
  'user.subscription.renewal_in_grace_period',
  'user.subscription.renewed',
  'user.subscription.resumed',
  'user.subscription.sku_change',
  'user.subscription.transferred.from',
  'user.subscription.transferred.to',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type DeviceEventType = Extract<EventType, `device.${string}`>;
type TransferEventType = Extract<EventType, `user.subscription.transferred.${string}`>;

/** The events a change of one purchase can cause: all but the device and transfer events. */
export type PurchaseEventType = Exclude<EventType, DeviceEventType | TransferEventType>;

export const EVENT_DESCRIPTIONS = {
  'device.impression': 'The device presented a paywall to the user.',
  'device.session.start': 'An app session started on the device.',
  'device.session.end': 'An app session ended on the device.',
  'device.transaction': 'A purchase was made on the device.',
  'purchase.updated': 'Anything about a purchase changed.',
  'user.journey.trial.converted': "The user's free trial ended and they now pay for their subscription.",
  'user.journey.trial.did_not_convert': 'The free trial ended and the user did not go on as a paying subscriber.',
  'user.journey.trial.started': 'The user started a free trial.',
  'user.subscription.cancelled': 'The user turned auto-renewal off; they keep access until the current period ends.',
  'user.subscription.expired': 'The subscription ended and its entitlements were revoked.',
  'user.subscription.in_grace_period': 'A renewal payment failed; the store keeps access open for a grace period.',
  'user.subscription.paused': 'The user paused the subscription; it resumes by itself later (Google Play).',
  'user.subscription.pending_sku_change':
    'The user chose another SKU (a downgrade or crossgrade) that takes effect at the next renewal.',
  'user.subscription.purchased': 'The user made a new purchase.',
  'user.subscription.renewal_in_grace_period': 'A subscription with a failed payment was recovered.',
  'user.subscription.renewed': 'The subscription renewed for a new period.',
  'user.subscription.resumed': 'The user turned auto-renewal back on, or a paused subscription resumed.',
  'user.subscription.sku_change': 'The subscription moved to another SKU.',
  'user.subscription.transferred.from': 'An entitlement transfer took this purchase away from the user.',
  'user.subscription.transferred.to': 'An entitlement transfer gave this purchase to the user.',
} as const satisfies Record<EventType, string>;
