export { type Audience, audienceSchema, MAX_AUDIENCE_CONDITIONS, MAX_AUDIENCE_DEPTH } from './campaigns/audience.js';
export {
  type Allocation,
  allocate,
  BUCKETS,
  bucketOf,
  movedBuckets,
  type VariantWeight,
  variantFor,
} from './campaigns/bucketing.js';
export { choiceChangesAt, type TimedFacts } from './campaigns/choice-lifetime.js';
export {
  type CampaignConsideration,
  type CampaignOutcome,
  type CampaignRule,
  type Choice,
  chooseCampaign,
} from './campaigns/choose.js';
export { AUDIENCE_ATTRIBUTES, type Condition, JOURNEY_FLAGS, type JourneyFlag } from './campaigns/condition.js';
export {
  type AudienceExplanation,
  type AudienceFacts,
  type AudienceVerdict,
  evaluateAudience,
} from './campaigns/evaluate-audience.js';
export { type Schedule, type ScheduleStatus, scheduleProblem, scheduleStatus } from './campaigns/schedule.js';
export { CAMPAIGN_TEMPLATES, type CampaignTemplate } from './campaigns/templates.js';
export {
  PRODUCT_TYPES,
  type ProductType,
  REF_ID_MAX_LENGTH,
  REF_ID_PATTERN,
  STORE_PLATFORM_INFO,
  STORE_PLATFORMS,
  type StorePlatform,
} from './catalog.js';
export {
  type ActiveEntitlement,
  activeEntitlements,
  type CustomerJourneyState,
  customerJourneyState,
  customerStateChangesAt,
  type Grant,
  type OwnedPurchase,
} from './customer-state.js';
export { eventEnvelope, eventHeader, purchasePayload, type UserSnapshot, userFields } from './events/build.js';
export {
  type DeviceEventType,
  EVENT_DESCRIPTIONS,
  EVENT_TYPES,
  type EventType,
  type PurchaseEventType,
} from './events/event-types.js';
export {
  type DevicePayload,
  EVENT_SCHEMAS,
  type EventPayload,
  type ExternalIdPayload,
  eventJsonSchema,
  type PurchasePayload,
  REVENUE_TYPES,
  type TransactionPayload,
} from './events/schemas.js';
export { microsFromMilliunits, microsFromUnitsAndNanos, toUsdMicros } from './money.js';
export {
  copyFor,
  IMAGE_SLOTS,
  PAYWALL_TEMPLATES,
  type PaywallContent,
  type PaywallCopy,
  type PaywallTemplate,
  paywallContentSchema,
} from './paywalls/content.js';
export { type ImageInfo, imageInfo, PAYWALL_IMAGE_TYPES, type PaywallImageType } from './paywalls/image-info.js';
export { pseudonym } from './pseudonym.js';
export { hasAccess, isStale, type PurchaseState, sameState, stateOf } from './purchase-state.js';
export {
  type Payment,
  PERIOD_KINDS,
  type PeriodKind,
  PURCHASE_ENVIRONMENTS,
  PURCHASE_STATUSES,
  type PurchaseEnvironment,
  type PurchaseStatus,
  type Refund,
  type StoreSnapshot,
} from './snapshot.js';
export { PHASE_TRANSITIONS, PHASES, type Phase, type PurchaseChange, phaseOf, purchaseEvents } from './transitions.js';
