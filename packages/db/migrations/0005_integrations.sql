-- Integrations: where an app's events go (Amplitude, mParticle feeds, webhooks), and the
-- outbox that takes them there.

-- The app platform an event belongs to (its device's, or its purchase's): an mParticle feed
-- serves one platform.
ALTER TABLE events ADD COLUMN app_platform_id uuid;

UPDATE events SET app_platform_id = devices.app_platform_id
  FROM devices
  WHERE events.device_id IS NOT NULL AND devices.app_id = events.app_id AND devices.id = events.device_id;

UPDATE events SET app_platform_id = purchases.app_platform_id
  FROM purchases
  WHERE events.app_platform_id IS NULL AND events.purchase_id IS NOT NULL
    AND purchases.app_id = events.app_id AND purchases.id = events.purchase_id;

CREATE TABLE integrations (
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('amplitude', 'mparticle', 'webhook')),
  name text NOT NULL,
  enabled boolean NOT NULL,
  -- An mParticle feed's platform; null for the legacy all-platforms feed and the other kinds.
  app_platform_id uuid,
  event_types text[] NOT NULL,
  -- What is not secret (endpoint, id choice, URL), as the API shows it.
  settings jsonb NOT NULL,
  -- A JSON object of the secrets, sealed with AES-256-GCM; never returned by the API.
  secrets_sealed text NOT NULL,
  -- The last characters of each secret, so that the API can show which one is set.
  secret_hints jsonb NOT NULL,
  -- Refused credentials (401/403) stop sending until an operator resumes the integration.
  paused_at timestamptz,
  paused_reason text,
  -- After a 429, nothing goes to this integration before this time.
  throttled_until timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id),
  FOREIGN KEY (app_id, app_platform_id) REFERENCES app_platforms (app_id, id)
);
-- One Amplitude integration per app, one mParticle feed per platform (and one legacy feed).
CREATE UNIQUE INDEX integrations_one_amplitude_key ON integrations (app_id) WHERE kind = 'amplitude';
CREATE UNIQUE INDEX integrations_one_mparticle_feed_key
  ON integrations (app_id, coalesce(app_platform_id, '00000000-0000-0000-0000-000000000000'))
  WHERE kind = 'mparticle';

-- The outbox: one row per event and integration, written in the transaction of the event.
CREATE TABLE deliveries (
  app_id uuid NOT NULL,
  integration_id uuid NOT NULL,
  event_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'skipped', 'dead')),
  -- Attempts made so far; a claim counts as one, so a worker that dies mid-send still counts.
  attempts integer NOT NULL DEFAULT 0,
  -- When a pending delivery is due. A claim moves it past the send's lease, so that a
  -- delivery whose worker died is taken up again when the lease ends.
  next_attempt_at timestamptz NOT NULL,
  last_attempt_at timestamptz,
  -- Why it is dead or skipped, or why the last attempt failed.
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, integration_id, event_id),
  FOREIGN KEY (app_id, integration_id) REFERENCES integrations (app_id, id) ON DELETE CASCADE
);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_event_idx ON deliveries (app_id, event_id);

-- Every request sent, as the vendor answered it, and every test send. One request carries
-- a batch of events: the outcome of each event is on its delivery.
CREATE TABLE delivery_attempts (
  app_id uuid NOT NULL,
  id uuid NOT NULL,
  integration_id uuid NOT NULL,
  -- The events the request carried (none for a test send).
  event_ids uuid[] NOT NULL,
  is_test boolean NOT NULL DEFAULT false,
  attempted_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  -- Null when no answer came (timeout, connection error).
  http_status integer,
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'partial', 'dead', 'paused', 'skipped')),
  detail text,
  response_excerpt text,
  PRIMARY KEY (app_id, id),
  FOREIGN KEY (app_id, integration_id) REFERENCES integrations (app_id, id) ON DELETE CASCADE
);
CREATE INDEX delivery_attempts_log_idx ON delivery_attempts (app_id, integration_id, id DESC);
-- An event's attempts, for its delivery status.
CREATE INDEX delivery_attempts_event_idx ON delivery_attempts USING gin (event_ids);
