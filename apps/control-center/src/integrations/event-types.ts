import type { Schemas } from '../api/client.js';

export type EventType = Schemas['Integration']['event_types'][number];
type VendorEventType = NonNullable<Schemas['NewAmplitudeIntegrationInput']['event_types']>[number];

/**
 * Every event type, by category. A Record over the API's own type: a type added to the API and
 * not here, or one here that the API does not know, fails the typecheck.
 */
const CATEGORY_OF: Record<EventType, string> = {
  'device.impression': 'Device events',
  'device.session.start': 'Device events',
  'device.session.end': 'Device events',
  'device.transaction': 'Device events',
  'purchase.updated': 'Purchase events',
  'user.journey.trial.converted': 'Trial events',
  'user.journey.trial.did_not_convert': 'Trial events',
  'user.journey.trial.started': 'Trial events',
  'user.subscription.cancelled': 'Subscription events',
  'user.subscription.expired': 'Subscription events',
  'user.subscription.in_grace_period': 'Subscription events',
  'user.subscription.paused': 'Subscription events',
  'user.subscription.pending_sku_change': 'Subscription events',
  'user.subscription.purchased': 'Subscription events',
  'user.subscription.renewal_in_grace_period': 'Subscription events',
  'user.subscription.renewed': 'Subscription events',
  'user.subscription.resumed': 'Subscription events',
  'user.subscription.sku_change': 'Subscription events',
  'user.subscription.transferred.from': 'Transfer events',
  'user.subscription.transferred.to': 'Transfer events',
};

/** All 20, for webhooks. */
export const ALL_EVENT_TYPES = Object.keys(CATEGORY_OF) as EventType[];

/** The 13 that Amplitude and mParticle take (the seeds' list): no session, purchase-update, SKU-change or transfer events. */
export const VENDOR_EVENT_TYPES: VendorEventType[] = [
  'device.impression',
  'device.transaction',
  'user.journey.trial.converted',
  'user.journey.trial.did_not_convert',
  'user.journey.trial.started',
  'user.subscription.cancelled',
  'user.subscription.expired',
  'user.subscription.in_grace_period',
  'user.subscription.paused',
  'user.subscription.purchased',
  'user.subscription.renewal_in_grace_period',
  'user.subscription.renewed',
  'user.subscription.resumed',
];

export function isVendorEventType(type: EventType): type is VendorEventType {
  return (VENDOR_EVENT_TYPES as EventType[]).includes(type);
}

/** The types of `offered`, grouped by category in a stable order. */
export function groupsOf(offered: readonly EventType[]): { category: string; types: EventType[] }[] {
  const groups = new Map<string, EventType[]>();
  for (const type of offered) {
    const category = CATEGORY_OF[type];
    groups.set(category, [...(groups.get(category) ?? []), type]);
  }
  return [...groups].map(([category, types]) => ({ category, types }));
}
