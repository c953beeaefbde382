export {
  APPLE_APP_APPLE_ID,
  APPLE_BUNDLE_ID,
  type AppleEnvironment,
  type AppleNotificationOptions,
  anAppleNotification,
  anAppleRenewalInfo,
  anAppleTransaction,
} from './apple/notifications.js';
export { type AppleTestPki, type AppleTestPkiOptions, createAppleTestPki } from './apple/test-pki.js';
export { DAY_MS, FIXTURE_NOW_MS } from './fixture-time.js';
export type { PushAuthorizationOptions } from './google/oidc.js';
export { PLAY_FAKE_ACCESS_TOKEN, type PlayFake, type PlayFakeRequest, startPlayFake } from './google/play-fake.js';
export { anOrder, aProductPurchase, aSubscriptionLineItem, aSubscriptionPurchaseV2 } from './google/purchases.js';
export {
  aDeveloperNotification,
  type DeveloperNotification,
  type DeveloperNotificationInput,
  PLAY_PACKAGE_NAME,
  type PubSubPushBody,
  type PubSubPushOptions,
  pubSubPush,
} from './google/push.js';
export { aPng } from './images.js';
export {
  type AmplitudeEvent,
  type AmplitudeFailOptions,
  type AmplitudeFake,
  type AmplitudeFakeOptions,
  type AmplitudeReceivedEvent,
  type AmplitudeRequest,
  startAmplitudeFake,
} from './integrations/amplitude-fake.js';
export type { Answer, ScriptOptions } from './integrations/http-fake.js';
export {
  type MparticleBatch,
  type MparticleFailOptions,
  type MparticleFake,
  type MparticleFakeOptions,
  type MparticleFeed,
  type MparticleRateLimitScope,
  type MparticleReceivedBatch,
  type MparticleRequest,
  startMparticleFake,
} from './integrations/mparticle-fake.js';
export {
  startWebhookReceiver,
  type WebhookDelivery,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './integrations/webhook-receiver.js';
export { freePort, type PostgresServer, startPostgres } from './postgres.js';
export {
  createEmptyDatabase,
  openTestDatabase,
  type ScratchDatabase,
  type TestDatabase,
  testDriver,
} from './test-database.js';
