-- The subscription engine: users, devices, purchases, revenue, events, store notifications.

-- What Tollgate needs to verify each store's input for an app platform.
ALTER TABLE app_platforms
  ADD COLUMN apple_app_apple_id bigint,
  ADD COLUMN google_push_audience text,
  ADD COLUMN google_push_service_account text,
  -- AES-256-GCM; never returned by the API.
  ADD COLUMN google_service_account_key_encrypted text;

-- A user of an app. The summary columns are kept current by the use cases that change
-- them, in the same transaction, so that reads never aggregate history.
CREATE TABLE users (
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  last_seen_at timestamptz,
  sessions_count integer NOT NULL DEFAULT 0,
  purchases_count integer NOT NULL DEFAULT 0,
  lifetime_value_usd_micros bigint NOT NULL DEFAULT 0,
  first_purchase_at timestamptz,
  last_purchase_at timestamptz,
  PRIMARY KEY (app_id, id)
);
CREATE INDEX users_recently_updated_idx ON users (app_id, updated_at DESC, id DESC);

-- Identifiers that define a user: the app's own, and the stores' purchase ids. Never PII.
CREATE TABLE external_ids (
  app_id uuid NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  type text NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, key, value),
  FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, id) ON DELETE CASCADE
);
CREATE INDEX external_ids_user_idx ON external_ids (app_id, user_id);

-- A physical device running the app on one app platform. A country code, never an address.
CREATE TABLE devices (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  app_platform_id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id),
  FOREIGN KEY (app_id, app_platform_id) REFERENCES app_platforms (app_id, id),
  FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, id)
);
CREATE INDEX devices_user_idx ON devices (app_id, user_id);

-- One per original transaction / purchase token / test-store purchase: the state the
-- store last reported, by the store's own clock (observed_at).
CREATE TABLE purchases (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  app_platform_id uuid NOT NULL,
  user_id uuid NOT NULL,
  store text NOT NULL CHECK (store IN ('apple', 'google', 'roku')),
  environment text NOT NULL CHECK (environment IN ('production', 'sandbox', 'nami_bypass_store')),
  store_purchase_id text NOT NULL,
  -- Set when a newer purchase took this one's place (Google upgrades): it grants nothing more.
  replaced_by_purchase_id uuid,
  sku_ref_id text NOT NULL,
  product_type text NOT NULL CHECK (product_type IN ('subscription', 'non_consumable', 'consumable')),
  status text NOT NULL
    CHECK (status IN ('active', 'grace_period', 'account_hold', 'paused', 'expired', 'revoked', 'pending')),
  period_kind text NOT NULL CHECK (period_kind IN ('normal', 'trial', 'intro', 'promotional')),
  purchased_at timestamptz NOT NULL,
  period_start timestamptz,
  expires_at timestamptz,
  auto_renew boolean NOT NULL,
  renews_to_sku_ref_id text,
  grace_period_ends_at timestamptz,
  resumes_at timestamptz,
  observed_at timestamptz NOT NULL,
  last_verified_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id),
  CONSTRAINT purchases_store_purchase_key UNIQUE (app_id, app_platform_id, store_purchase_id),
  FOREIGN KEY (app_id, app_platform_id) REFERENCES app_platforms (app_id, id),
  FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, id)
);
CREATE INDEX purchases_user_idx ON purchases (app_id, user_id);
-- The worker's sweep for test-store purchases that ran out.
CREATE INDEX purchases_test_store_lapsing_idx ON purchases (expires_at)
  WHERE environment = 'nami_bypass_store' AND status IN ('active', 'grace_period');

-- Revenue: one row per billing period or one-time purchase, refunds as their own rows.
CREATE TABLE transactions (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  purchase_id uuid NOT NULL,
  user_id uuid NOT NULL,
  app_platform_id uuid NOT NULL,
  store text NOT NULL,
  environment text NOT NULL,
  store_transaction_id text NOT NULL,
  revenue_type text NOT NULL CHECK (revenue_type IN ('purchase', 'renewal', 'refund', 'refund_reversal')),
  sku_ref_id text NOT NULL,
  period_kind text NOT NULL,
  amount_micros bigint NOT NULL,
  currency text NOT NULL,
  -- Null while no exchange rate is known for the currency; filled in when one is added.
  usd_micros bigint,
  occurred_at timestamptz NOT NULL,
  period_start timestamptz,
  period_end timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id),
  CONSTRAINT transactions_store_key UNIQUE (app_id, purchase_id, store_transaction_id, revenue_type),
  FOREIGN KEY (app_id, purchase_id) REFERENCES purchases (app_id, id)
);
CREATE INDEX transactions_user_idx ON transactions (app_id, user_id, occurred_at DESC, id DESC);
CREATE INDEX transactions_missing_usd_idx ON transactions (currency) WHERE usd_micros IS NULL;

-- US dollars per unit of a currency, by day. Rows without an organization are the rates
-- shipped with Tollgate; an organization's own rows take precedence for its apps.
CREATE TABLE exchange_rates (
  org_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  currency text NOT NULL,
  day date NOT NULL,
  usd_per_unit double precision NOT NULL CHECK (usd_per_unit > 0),
  updated_at timestamptz NOT NULL,
  CONSTRAINT exchange_rates_key UNIQUE NULLS NOT DISTINCT (org_id, currency, day)
);

-- Every event, with its full payload, written in the transaction of the change it tells.
CREATE TABLE events (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  type text NOT NULL,
  platform text NOT NULL,
  purchase_id uuid,
  device_id uuid,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id)
);
CREATE INDEX events_user_idx ON events (app_id, user_id, id DESC);

-- Store input as received, once verified: for audit, replay and idempotency.
CREATE TABLE store_notifications (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  app_platform_id uuid NOT NULL,
  store text NOT NULL,
  -- Apple notificationUUID, Pub/Sub messageId: the same on every retry.
  store_notification_id text NOT NULL,
  notification_type text NOT NULL,
  subtype text,
  environment text,
  signed_at timestamptz,
  body text NOT NULL,
  decoded jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'applied', 'ignored', 'failed')),
  outcome text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  -- When the worker tries again one that could not be applied (the store's API was down).
  next_attempt_at timestamptz,
  purchase_id uuid,
  received_at timestamptz NOT NULL,
  applied_at timestamptz,
  PRIMARY KEY (app_id, id),
  CONSTRAINT store_notifications_dedupe_key UNIQUE (app_id, app_platform_id, store_notification_id),
  FOREIGN KEY (app_id, app_platform_id) REFERENCES app_platforms (app_id, id)
);
CREATE INDEX store_notifications_unfinished_idx ON store_notifications (next_attempt_at)
  WHERE status IN ('received', 'failed');
