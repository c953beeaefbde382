import type { HttpReply } from './http-fake.js';

/**
 * mParticle states the sizes but not what it answers past them: the fake answers 413 (a guess), and reads
 * "KB" as 1,000 bytes, the stricter reading, so a client that passes here passes there.
 */
export const MAX_REQUEST_BYTES = 256_000;
export const MAX_BATCH_BYTES = 128_000;
export const MAX_BULK_BATCHES = 100;

const ENVIRONMENTS = ['production', 'development'];
const EVENT_TYPES = [
  'custom_event',
  'commerce_event',
  'screen_view',
  'session_start',
  'session_end',
  'uninstall',
  'crash_report',
  'opt_out',
  'push_registration',
  'application_state_transition',
  'push_message',
  'network_performance',
  'breadcrumb',
  'first_run',
  'profile',
  'user_attribute_change',
  'user_identity_change',
  'push_reaction',
  'pre_attribution',
];
const CUSTOM_EVENT_TYPES = [
  'navigation',
  'location',
  'search',
  'transaction',
  'user_content',
  'user_preference',
  'social',
  'media',
  'attribution',
  'other',
];
const PRODUCT_ACTIONS = [
  'add_to_cart',
  'remove_from_cart',
  'checkout',
  'checkout_option',
  'click',
  'view_detail',
  'purchase',
  'refund',
  'add_to_wishlist',
  'remove_from_wish_list',
];
const PLATFORMS = ['iOS', 'Android', 'web', 'tvOS', 'roku', 'out_of_band', 'alexa', 'smart_tv', 'fire_tv', 'xbox'];
const COMMERCE_KINDS = ['product_action', 'promotion_action', 'product_impressions'];

/** mParticle's error body. Only the event_name message is documented; the others follow its style. */
export function badRequest(...messages: string[]): HttpReply {
  return { status: 400, body: { errors: messages.map((message) => ({ code: 'BAD_REQUEST', message })) } };
}

export function tooLarge(message: string): HttpReply {
  return { status: 413, body: { errors: [{ code: 'PAYLOAD_TOO_LARGE', message }] } };
}

/** What is wrong with one batch, per the inbound JSON Schema's required fields and enums; undefined if nothing. */
export function batchProblem(batch: unknown): string | undefined {
  if (!isObject(batch)) {
    return 'A batch must be a JSON object.';
  }
  if (batch.environment === undefined) {
    return 'Required field "environment" is missing.';
  }
  if (!oneOf(batch.environment, ENVIRONMENTS)) {
    return `Unknown environment ${JSON.stringify(batch.environment)}.`;
  }
  const platform = isObject(batch.device_info) ? batch.device_info.platform : undefined;
  if (platform !== undefined && !oneOf(platform, PLATFORMS)) {
    return `Unknown device_info.platform ${JSON.stringify(platform)}.`;
  }
  if (batch.events === undefined) {
    return undefined;
  }
  if (!Array.isArray(batch.events)) {
    return 'Field "events" must be an array.';
  }
  for (const event of batch.events) {
    const problem = eventProblem(event);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}

function eventProblem(event: unknown): string | undefined {
  if (!isObject(event)) {
    return 'An event must be a JSON object.';
  }
  if (event.event_type === undefined) {
    return 'Required field "event_type" is missing.';
  }
  if (!oneOf(event.event_type, EVENT_TYPES)) {
    return `Unknown event_type ${JSON.stringify(event.event_type)}.`;
  }
  const data = event.data ?? {};
  if (!isObject(data)) {
    return 'Event field "data" must be an object.';
  }
  const attributes = data.custom_attributes;
  if (isObject(attributes) && Object.values(attributes).some((value) => typeof value === 'object' && value !== null)) {
    return 'Event custom_attributes values must be strings, numbers or booleans.';
  }
  switch (event.event_type) {
    case 'custom_event':
      return customEventProblem(data);
    case 'commerce_event':
      return commerceEventProblem(data);
    case 'screen_view':
      return missing(data, 'screen_name');
    default:
      return undefined;
  }
}

function customEventProblem(data: Record<string, unknown>): string | undefined {
  return (
    missing(data, 'event_name') ??
    missing(data, 'custom_event_type') ??
    (oneOf(data.custom_event_type, CUSTOM_EVENT_TYPES)
      ? undefined
      : `Unknown custom_event_type ${JSON.stringify(data.custom_event_type)}.`)
  );
}

function commerceEventProblem(data: Record<string, unknown>): string | undefined {
  if (COMMERCE_KINDS.filter((kind) => data[kind] !== undefined && data[kind] !== null).length !== 1) {
    return 'A commerce_event needs exactly one of "product_action", "promotion_action" or "product_impressions".';
  }
  if (data.product_action === undefined || data.product_action === null) {
    return undefined;
  }
  if (!isObject(data.product_action)) {
    return 'Event field "product_action" must be an object.';
  }
  return (
    missing(data.product_action, 'action') ??
    (oneOf(data.product_action.action, PRODUCT_ACTIONS)
      ? undefined
      : `Unknown product_action.action ${JSON.stringify(data.product_action.action)}.`)
  );
}

function missing(data: Record<string, unknown>, field: string): string | undefined {
  const value = data[field];
  return typeof value === 'string' && value !== '' ? undefined : `Required event field "${field}" is missing or empty.`;
}

function oneOf(value: unknown, allowed: readonly string[]): boolean {
  return typeof value === 'string' && allowed.includes(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
