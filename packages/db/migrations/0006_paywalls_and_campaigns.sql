-- Paywalls and campaigns: what each user is offered at each placement of the app, and how
-- each offer does.

-- Images uploaded for paywalls, served to devices by id. Kept in the database so that a
-- backup of it is a backup of everything.
CREATE TABLE paywall_images (
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  content_type text NOT NULL,
  byte_size integer NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id)
);

CREATE TABLE paywalls (
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  -- What operators edit: devices never see it until it is published.
  draft jsonb NOT NULL,
  -- The version devices see; null until the first publish.
  published_version integer,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id)
);

-- Every published version, kept so that any of them can be restored.
CREATE TABLE paywall_versions (
  app_id uuid NOT NULL,
  paywall_id uuid NOT NULL,
  version integer NOT NULL,
  content jsonb NOT NULL,
  -- The version this one republished, when it was a restore.
  restored_from integer,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, paywall_id, version),
  FOREIGN KEY (app_id, paywall_id) REFERENCES paywalls (app_id, id) ON DELETE CASCADE
);

CREATE TABLE campaigns (
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  -- The label the app asks for ('onboarding', 'settings').
  placement text NOT NULL,
  -- Lower is considered first among the placement's campaigns.
  priority integer NOT NULL,
  -- The placement's fallback, shown when no other campaign applies.
  is_default boolean NOT NULL DEFAULT false,
  paused_at timestamptz,
  starts_at timestamptz,
  ends_at timestamptz,
  -- The rule tree of who the campaign is for; null is everyone.
  audience jsonb,
  -- The variant key that owns each of the 1,000 buckets users are hashed into.
  allocation jsonb NOT NULL,
  attribution_window_hours integer NOT NULL DEFAULT 24
    CHECK (attribution_window_hours BETWEEN 1 AND 720),
  template text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (app_id, id),
  CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at),
  CHECK (NOT is_default OR audience IS NULL)
);
CREATE UNIQUE INDEX campaigns_one_default_key ON campaigns (app_id, placement) WHERE is_default;

CREATE TABLE campaign_variants (
  app_id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  key text NOT NULL,
  paywall_id uuid NOT NULL,
  weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100),
  position integer NOT NULL,
  PRIMARY KEY (app_id, campaign_id, key),
  FOREIGN KEY (app_id, campaign_id) REFERENCES campaigns (app_id, id) ON DELETE CASCADE,
  -- A paywall in use cannot be deleted.
  FOREIGN KEY (app_id, paywall_id) REFERENCES paywalls (app_id, id)
);
CREATE INDEX campaign_variants_paywall_idx ON campaign_variants (app_id, paywall_id);

-- Bumped by every change devices could see (a publish, a campaign edit, a catalog edit), so
-- that a server can tell in the statement it already runs whether its cached copy is current.
ALTER TABLE apps ADD COLUMN paywalls_revision bigint NOT NULL DEFAULT 0;

-- The campaign and variant a device bought under, when it said so.
ALTER TABLE device_transactions
  ADD COLUMN campaign_id text,
  ADD COLUMN variant text;

-- Attribution looks for the user's last impression before a purchase.
CREATE INDEX impressions_user_recent_idx ON impressions (app_id, user_id, occurred_at DESC)
  WHERE campaign_id IS NOT NULL;
-- A device's impressions move with it when it signs in.
CREATE INDEX impressions_device_idx ON impressions (app_id, device_id);

-- Results per campaign, variant and UTC day, kept current as impressions and purchases arrive.
CREATE TABLE campaign_results (
  app_id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  variant text NOT NULL,
  day date NOT NULL,
  impressions integer NOT NULL DEFAULT 0,
  purchases integer NOT NULL DEFAULT 0,
  trials integer NOT NULL DEFAULT 0,
  revenue_usd_micros bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (app_id, campaign_id, variant, day),
  FOREIGN KEY (app_id, campaign_id) REFERENCES campaigns (app_id, id) ON DELETE CASCADE
);

-- Who saw each variant on each day: unique users over any range of days.
CREATE TABLE campaign_viewers (
  app_id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  variant text NOT NULL,
  day date NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (app_id, campaign_id, variant, day, user_id),
  FOREIGN KEY (app_id, campaign_id) REFERENCES campaigns (app_id, id) ON DELETE CASCADE
);
