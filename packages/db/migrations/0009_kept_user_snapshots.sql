-- What every event says of a user (active entitlements, journey state, devices, external ids),
-- kept so that a hot write (an app session starting) can put it in its event with no read
-- first. A kept snapshot names the versions it was made from; the write compares them with
-- the current ones in its own statement, so anything changed since is a miss, never a stale
-- event.

-- Bumped whenever something a snapshot of the user is made from changes: their purchases,
-- their external ids, their devices (joining, leaving, changing platform). Triggers keep it,
-- so that no write can forget to.
ALTER TABLE users ADD COLUMN snapshot_version bigint NOT NULL DEFAULT 0;
-- Bumped whenever the catalog that snapshots name changes: app platforms, entitlements, and
-- which products grant them.
ALTER TABLE apps ADD COLUMN catalog_version bigint NOT NULL DEFAULT 0;

CREATE TABLE user_snapshots (
  app_id uuid NOT NULL,
  user_id uuid NOT NULL,
  -- The format of the snapshot and the user's and catalog's versions it was made from.
  made_from text NOT NULL,
  -- The event fields, as `userFields` makes them.
  snapshot jsonb NOT NULL,
  -- True from here (an event of an earlier moment, from a server whose clock is behind, may
  -- have seen access that has ended since) until `valid_until`, when time alone changes it (a
  -- purchase's access ends); null when nothing ahead does.
  made_at timestamptz NOT NULL,
  valid_until timestamptz,
  PRIMARY KEY (app_id, user_id),
  FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, id) ON DELETE CASCADE
);

-- Once per statement, for every user whose rows it touched (old and new owners alike): a bulk
-- load bumps each user once, not once per row.
CREATE FUNCTION bump_snapshot_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE users SET snapshot_version = snapshot_version + 1
      FROM (SELECT DISTINCT app_id, user_id FROM new_rows) touched
      WHERE users.app_id = touched.app_id AND users.id = touched.user_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE users SET snapshot_version = snapshot_version + 1
      FROM (SELECT DISTINCT app_id, user_id FROM old_rows) touched
      WHERE users.app_id = touched.app_id AND users.id = touched.user_id;
  ELSE
    UPDATE users SET snapshot_version = snapshot_version + 1
      FROM (SELECT app_id, user_id FROM old_rows UNION SELECT app_id, user_id FROM new_rows) touched
      WHERE users.app_id = touched.app_id AND users.id = touched.user_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER purchases_inserted_snapshot AFTER INSERT ON purchases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_snapshot_versions();
-- Updates of purchases, except those that move nothing but `acknowledge_due_at`: the worker's
-- bookkeeping, which no snapshot reads (and which would otherwise lock users it never touched).
CREATE FUNCTION bump_snapshot_versions_of_changed_purchases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET snapshot_version = snapshot_version + 1
    FROM (
      SELECT DISTINCT owner.app_id, owner.user_id
      FROM old_rows
      JOIN new_rows ON new_rows.app_id = old_rows.app_id AND new_rows.id = old_rows.id
      CROSS JOIN LATERAL (VALUES (old_rows.app_id, old_rows.user_id), (new_rows.app_id, new_rows.user_id))
        AS owner (app_id, user_id)
      WHERE to_jsonb(old_rows) - 'acknowledge_due_at' IS DISTINCT FROM to_jsonb(new_rows) - 'acknowledge_due_at'
    ) touched
    WHERE users.app_id = touched.app_id AND users.id = touched.user_id;
  RETURN NULL;
END $$;

CREATE TRIGGER purchases_updated_snapshot AFTER UPDATE ON purchases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_snapshot_versions_of_changed_purchases();
CREATE TRIGGER purchases_deleted_snapshot AFTER DELETE ON purchases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_snapshot_versions();

CREATE TRIGGER external_ids_inserted_snapshot AFTER INSERT ON external_ids
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_snapshot_versions();
CREATE TRIGGER external_ids_updated_snapshot AFTER UPDATE ON external_ids
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_snapshot_versions();
CREATE TRIGGER external_ids_deleted_snapshot AFTER DELETE ON external_ids
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_snapshot_versions();

CREATE TRIGGER devices_inserted_snapshot AFTER INSERT ON devices
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_snapshot_versions();
CREATE TRIGGER devices_deleted_snapshot AFTER DELETE ON devices
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_snapshot_versions();

-- Devices are updated on every app session (Last Seen): only a change of owner or platform
-- matters, so this one is per row and fires for nothing else.
CREATE FUNCTION bump_device_owners_snapshot_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET snapshot_version = snapshot_version + 1
    WHERE (app_id = OLD.app_id AND id = OLD.user_id) OR (app_id = NEW.app_id AND id = NEW.user_id);
  RETURN NULL;
END $$;

CREATE TRIGGER devices_moved_snapshot AFTER UPDATE OF app_id, user_id, app_platform_id ON devices
  FOR EACH ROW
  WHEN (OLD.app_id IS DISTINCT FROM NEW.app_id OR OLD.user_id IS DISTINCT FROM NEW.user_id
    OR OLD.app_platform_id IS DISTINCT FROM NEW.app_platform_id)
  EXECUTE FUNCTION bump_device_owners_snapshot_versions();

-- Catalog writes are few and small: per row.
CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE apps SET catalog_version = catalog_version + 1 WHERE id = NEW.app_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE apps SET catalog_version = catalog_version + 1 WHERE id = OLD.app_id;
  ELSE
    UPDATE apps SET catalog_version = catalog_version + 1 WHERE id IN (OLD.app_id, NEW.app_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER app_platforms_snapshot AFTER INSERT OR UPDATE OR DELETE ON app_platforms
  FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER entitlements_snapshot AFTER INSERT OR UPDATE OR DELETE ON entitlements
  FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER products_snapshot AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER product_entitlements_snapshot AFTER INSERT OR UPDATE OR DELETE ON product_entitlements
  FOR EACH ROW EXECUTE FUNCTION bump_catalog_version();
