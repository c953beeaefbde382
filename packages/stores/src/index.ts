export { type AppleSnapshotInput, appleSnapshot, appleTransactionSnapshot } from './apple/map.js';
export {
  type AppleIgnoredReason,
  type AppleNotificationKind,
  appleNotificationKind,
} from './apple/notification-kind.js';
export { appleRootCertificates } from './apple/roots.js';
export {
  type AppleAppIdentity,
  AppleNotificationVerifier,
  type AppleTransactionVerification,
  type AppleVerification,
  type VerifiedAppleNotification,
} from './apple/verify.js';
export {
  type NewTestPurchase,
  startTestPurchase,
  stepTestPurchase,
  TEST_STORE_ACTIONS,
  type TestStoreAction,
  type TestStorePrice,
  type TestStoreStep,
  type TestStoreStepResult,
} from './bypass/lifecycle.js';
export {
  type GoogleProductSnapshotInput,
  type GoogleSubscriptionSnapshotInput,
  googleProductSnapshot,
  googleSubscriptionSnapshot,
} from './google/map.js';
export { earlierOrderIds } from './google/money.js';
export { type DeveloperNotification, parseDeveloperNotification } from './google/notification.js';
export {
  type PlayAcknowledgement,
  type PlayAnswer,
  type PlayApi,
  type PlayCredentials,
  playApi,
} from './google/play-api.js';
export { GooglePushVerifier, type PushIdentity, type PushVerification } from './google/verify-push.js';
export { StorePayloadError } from './store-payload-error.js';
