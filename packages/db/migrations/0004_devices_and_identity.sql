-- Devices and identity: what the SDK reports, and the summary the customers list reads.

-- What a device says of itself. A country code from the client, never an address.
ALTER TABLE devices
  ADD COLUMN os text,
  ADD COLUMN os_version text,
  ADD COLUMN model text,
  ADD COLUMN language text,
  ADD COLUMN country text,
  ADD COLUMN sdk_version text,
  ADD COLUMN app_version text,
  ADD COLUMN last_seen_at timestamptz;

ALTER TABLE users
  ADD COLUMN first_seen_at timestamptz,
  -- The stores of the user's devices, kept current: the Platform filter and column.
  ADD COLUMN platforms text[] NOT NULL DEFAULT '{}',
  -- The app's own id for the user (external id key 'external_id'), shown in the list.
  ADD COLUMN external_id text;

UPDATE users SET external_id = external_ids.value
  FROM external_ids
  WHERE external_ids.app_id = users.app_id AND external_ids.user_id = users.id
    AND external_ids.key = 'external_id';

-- Per platform, the customers list in its own order, so that filtering by a rare platform
-- never scans the users of the others.
CREATE INDEX users_recently_updated_apple_idx ON users (app_id, updated_at DESC, id DESC)
  WHERE 'apple' = ANY (platforms);
CREATE INDEX users_recently_updated_google_idx ON users (app_id, updated_at DESC, id DESC)
  WHERE 'google' = ANY (platforms);
CREATE INDEX users_recently_updated_roku_idx ON users (app_id, updated_at DESC, id DESC)
  WHERE 'roku' = ANY (platforms);

-- The device that reported a purchase: its purchases move with it when it logs in.
ALTER TABLE purchases ADD COLUMN device_id uuid;
CREATE INDEX purchases_device_idx ON purchases (app_id, device_id) WHERE device_id IS NOT NULL;

-- App sessions, by the id the device gave them (a retry lands on the same row).
CREATE TABLE sessions (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  user_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  PRIMARY KEY (app_id, id),
  FOREIGN KEY (app_id, device_id) REFERENCES devices (app_id, id)
);

-- Paywalls shown, by the id the device gave them.
CREATE TABLE impressions (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  user_id uuid NOT NULL,
  paywall_id text NOT NULL,
  campaign_id text,
  variant text,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id),
  FOREIGN KEY (app_id, device_id) REFERENCES devices (app_id, id)
);

-- Purchases a device reported, by the id the device gave the report: a retry changes nothing.
CREATE TABLE device_transactions (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  purchase_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id),
  FOREIGN KEY (app_id, device_id) REFERENCES devices (app_id, id),
  FOREIGN KEY (app_id, purchase_id) REFERENCES purchases (app_id, id)
);
