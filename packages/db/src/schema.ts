import type { ColumnType, Selectable } from 'kysely';

/** A timestamp the application always supplies (time comes from the clock, never `now()`). */
type Timestamp = ColumnType<Date, Date, Date>;

export type StoreColumn = 'apple' | 'google' | 'roku';
export type ProductTypeColumn = 'subscription' | 'non_consumable' | 'consumable';

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface OperatorsTable {
  id: string;
  org_id: string;
  email: string;
  password_hash: string;
  created_at: Timestamp;
}

export interface OperatorSessionsTable {
  token_hash: string;
  operator_id: string;
  org_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  org_id: string;
  name: string;
  token_prefix: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AppsTable {
  id: string;
  org_id: string;
  name: string;
  /** Bumped by every change to what devices could be shown: caches compare it. */
  paywalls_revision: Defaulted<number>;
  /** Bumped by triggers on every change to what user snapshots name of the catalog. */
  catalog_version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppPlatformsTable {
  app_id: string;
  id: string;
  name: string;
  store: StoreColumn;
  marketplace_app_id: string;
  environment: string;
  sdk_key: string;
  apple_app_apple_id: ColumnType<number | null, number | null | undefined, number | null>;
  google_push_audience: ColumnType<string | null, string | null | undefined, string | null>;
  google_push_service_account: ColumnType<string | null, string | null | undefined, string | null>;
  google_service_account_key_encrypted: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EntitlementsTable {
  app_id: string;
  id: string;
  entitlement_ref_id: string;
  name: string;
  description: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductsTable {
  app_id: string;
  id: string;
  app_platform_id: string;
  sku_ref_id: string;
  name: string;
  type: ProductTypeColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductEntitlementsTable {
  app_id: string;
  product_id: string;
  entitlement_id: string;
}

export type PurchaseEnvironmentColumn = 'production' | 'sandbox' | 'nami_bypass_store';
export type PurchaseStatusColumn =
  | 'active'
  | 'grace_period'
  | 'account_hold'
  | 'paused'
  | 'expired'
  | 'revoked'
  | 'pending';
export type PeriodKindColumn = 'normal' | 'trial' | 'intro' | 'promotional';
export type RevenueTypeColumn = 'purchase' | 'renewal' | 'refund' | 'refund_reversal';

/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface UsersTable {
  app_id: string;
  id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_seen_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sessions_count: Defaulted<number>;
  /** Bumped by triggers on every change to what a snapshot of the user is made from. */
  snapshot_version: Defaulted<number>;
  purchases_count: Defaulted<number>;
  lifetime_value_usd_micros: Defaulted<number>;
  first_purchase_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_purchase_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  first_seen_at: Optional<Date>;
  platforms: Defaulted<StoreColumn[]>;
  external_id: Optional<string>;
}

export interface ExternalIdsTable {
  app_id: string;
  key: string;
  value: string;
  type: string;
  user_id: string;
  created_at: Timestamp;
}

/** A nullable column that may be left out of an insert. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface DevicesTable {
  app_id: string;
  id: string;
  app_platform_id: string;
  user_id: string;
  os: Optional<string>;
  os_version: Optional<string>;
  model: Optional<string>;
  language: Optional<string>;
  country: Optional<string>;
  sdk_version: Optional<string>;
  app_version: Optional<string>;
  last_seen_at: Optional<Date>;
  /** App sessions started since the device joined its current user: what signing in moves. */
  sessions_with_user: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  app_id: string;
  id: string;
  device_id: string;
  user_id: string;
  started_at: Timestamp;
  ended_at: Optional<Date>;
}

/** What every event says of a user, kept with the versions it was made from. */
export interface UserSnapshotsTable {
  app_id: string;
  user_id: string;
  made_from: string;
  snapshot: Json;
  made_at: Timestamp;
  valid_until: Optional<Date>;
}

export interface ImpressionsTable {
  app_id: string;
  id: string;
  device_id: string;
  user_id: string;
  paywall_id: string;
  campaign_id: Optional<string>;
  variant: Optional<string>;
  occurred_at: Timestamp;
}

export interface DeviceTransactionsTable {
  app_id: string;
  id: string;
  device_id: string;
  purchase_id: string;
  campaign_id: Optional<string>;
  variant: Optional<string>;
  created_at: Timestamp;
}

export interface PaywallImagesTable {
  app_id: string;
  id: string;
  content_type: string;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  bytes: Uint8Array;
  created_at: Timestamp;
}

/** Paywall content (drafts and versions) is JSON the server validates: written as text, read parsed. */
type Json = ColumnType<unknown, string, string>;

export interface PaywallsTable {
  app_id: string;
  id: string;
  name: string;
  draft: Json;
  published_version: Optional<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaywallVersionsTable {
  app_id: string;
  paywall_id: string;
  version: number;
  content: Json;
  restored_from: Optional<number>;
  published_at: Timestamp;
}

export interface CampaignsTable {
  app_id: string;
  id: string;
  name: string;
  placement: string;
  priority: number;
  is_default: Defaulted<boolean>;
  paused_at: Optional<Date>;
  starts_at: Optional<Date>;
  ends_at: Optional<Date>;
  audience: ColumnType<unknown, string | null, string | null>;
  allocation: Json;
  attribution_window_hours: Defaulted<number>;
  template: Optional<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignVariantsTable {
  app_id: string;
  campaign_id: string;
  key: string;
  paywall_id: string;
  weight: number;
  position: number;
}

export interface CampaignResultsTable {
  app_id: string;
  campaign_id: string;
  variant: string;
  /** A UTC calendar day, `YYYY-MM-DD`. */
  day: string;
  impressions: Defaulted<number>;
  purchases: Defaulted<number>;
  trials: Defaulted<number>;
  revenue_usd_micros: Defaulted<number>;
}

export interface CampaignViewersTable {
  app_id: string;
  campaign_id: string;
  variant: string;
  day: string;
  user_id: string;
}

export interface PurchasesTable {
  app_id: string;
  id: string;
  app_platform_id: string;
  user_id: string;
  store: StoreColumn;
  environment: PurchaseEnvironmentColumn;
  store_purchase_id: string;
  replaced_by_purchase_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The device that last reported it through the SDK. */
  device_id: Optional<string>;
  /** When to try acknowledging it to its store next; null when nothing is left to do. */
  acknowledge_due_at: Optional<Date>;
  sku_ref_id: string;
  product_type: ProductTypeColumn;
  status: PurchaseStatusColumn;
  period_kind: PeriodKindColumn;
  purchased_at: Timestamp;
  period_start: Date | null;
  expires_at: Date | null;
  auto_renew: boolean;
  renews_to_sku_ref_id: string | null;
  grace_period_ends_at: Date | null;
  resumes_at: Date | null;
  observed_at: Timestamp;
  last_verified_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TransactionsTable {
  app_id: string;
  id: string;
  purchase_id: string;
  user_id: string;
  app_platform_id: string;
  store: StoreColumn;
  environment: PurchaseEnvironmentColumn;
  store_transaction_id: string;
  revenue_type: RevenueTypeColumn;
  sku_ref_id: string;
  period_kind: PeriodKindColumn;
  amount_micros: number;
  currency: string;
  usd_micros: number | null;
  occurred_at: Timestamp;
  period_start: Date | null;
  period_end: Date | null;
  created_at: Timestamp;
}

export interface ExchangeRatesTable {
  org_id: string | null;
  currency: string;
  /** A calendar day, `YYYY-MM-DD`. */
  day: string;
  usd_per_unit: number;
  updated_at: Timestamp;
}

export interface EventsTable {
  app_id: string;
  id: string;
  user_id: string;
  type: string;
  platform: StoreColumn;
  purchase_id: string | null;
  device_id: string | null;
  /** The event's device's or purchase's app platform: what an mParticle feed serves. */
  app_platform_id: string | null;
  /** Written as JSON text; read back parsed. */
  payload: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

export type IntegrationKindColumn = 'amplitude' | 'mparticle' | 'webhook';

export interface IntegrationsTable {
  app_id: string;
  id: string;
  kind: IntegrationKindColumn;
  name: string;
  enabled: boolean;
  app_platform_id: string | null;
  event_types: string[];
  /** Written as JSON text; read back parsed. */
  settings: ColumnType<unknown, string, string>;
  secrets_sealed: string;
  /** Written as JSON text; read back parsed. */
  secret_hints: ColumnType<unknown, string, string>;
  paused_at: Optional<Date>;
  paused_reason: Optional<string>;
  throttled_until: Optional<Date>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DeliveryStatusColumn = 'pending' | 'delivered' | 'skipped' | 'dead';

export interface DeliveriesTable {
  app_id: string;
  integration_id: string;
  event_id: string;
  status: DeliveryStatusColumn;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_attempt_at: Optional<Date>;
  last_error: Optional<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AttemptOutcomeColumn = 'delivered' | 'retry' | 'partial' | 'dead' | 'paused' | 'skipped';

export interface DeliveryAttemptsTable {
  app_id: string;
  id: string;
  integration_id: string;
  event_ids: string[];
  is_test: ColumnType<boolean, boolean | undefined, boolean>;
  attempted_at: Timestamp;
  duration_ms: number;
  http_status: number | null;
  outcome: AttemptOutcomeColumn;
  detail: string | null;
  response_excerpt: string | null;
}

export type StoreNotificationStatusColumn = 'received' | 'applied' | 'ignored' | 'failed';

export interface StoreNotificationsTable {
  app_id: string;
  id: string;
  app_platform_id: string;
  store: StoreColumn;
  store_notification_id: string;
  notification_type: string;
  subtype: string | null;
  environment: string | null;
  signed_at: Date | null;
  body: string;
  decoded: ColumnType<unknown, string, string>;
  status: StoreNotificationStatusColumn;
  outcome: string | null;
  attempts: Defaulted<number>;
  last_error: string | null;
  next_attempt_at: Date | null;
  purchase_id: string | null;
  received_at: Timestamp;
  applied_at: Date | null;
}

export interface MigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface Database {
  organizations: OrganizationsTable;
  operators: OperatorsTable;
  operator_sessions: OperatorSessionsTable;
  api_keys: ApiKeysTable;
  apps: AppsTable;
  app_platforms: AppPlatformsTable;
  entitlements: EntitlementsTable;
  products: ProductsTable;
  product_entitlements: ProductEntitlementsTable;
  users: UsersTable;
  external_ids: ExternalIdsTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  user_snapshots: UserSnapshotsTable;
  impressions: ImpressionsTable;
  device_transactions: DeviceTransactionsTable;
  paywall_images: PaywallImagesTable;
  paywalls: PaywallsTable;
  paywall_versions: PaywallVersionsTable;
  campaigns: CampaignsTable;
  campaign_variants: CampaignVariantsTable;
  campaign_results: CampaignResultsTable;
  campaign_viewers: CampaignViewersTable;
  purchases: PurchasesTable;
  transactions: TransactionsTable;
  exchange_rates: ExchangeRatesTable;
  events: EventsTable;
  integrations: IntegrationsTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  store_notifications: StoreNotificationsTable;
  tollgate_migrations: MigrationsTable;
}

export type App = Selectable<AppsTable>;
export type AppPlatform = Selectable<AppPlatformsTable>;
export type Entitlement = Selectable<EntitlementsTable>;
export type Product = Selectable<ProductsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Operator = Selectable<OperatorsTable>;
export type Purchase = Selectable<PurchasesTable>;
export type Device = Selectable<DevicesTable>;
export type User = Selectable<UsersTable>;
export type Transaction = Selectable<TransactionsTable>;
export type StoreNotification = Selectable<StoreNotificationsTable>;
