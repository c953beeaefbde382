export { TollgateError } from './errors.js';
export { MemoryStorage, type Storage } from './storage.js';
export { SDK_VERSION, Tollgate, type TollgateOptions } from './tollgate.js';
export type { FetchLike, RetryOptions } from './transport.js';
export type {
  ActiveEntitlement,
  AppleTransaction,
  CustomerInfo,
  CustomerJourneyState,
  DeviceInfo,
  EndSessionAnswer,
  GooglePurchase,
  ImpressionAnswer,
  ImpressionInput,
  LogInAnswer,
  LogOutAnswer,
  PlacementPaywall,
  ProblemDocument,
  RegisterAnswer,
  SessionAnswer,
  SetExternalIdAnswer,
  TestStorePurchase,
  TransactionAnswer,
  TransactionInput,
} from './types.js';
