-- Sessions follow a device that signs in: the app sessions a device started for its current user,
-- so that signing in moves them to the user it joins (a device's sessions before sign-in were
-- that same person's).
ALTER TABLE devices ADD COLUMN sessions_with_user integer NOT NULL DEFAULT 0;

UPDATE devices SET sessions_with_user = counted.sessions
  FROM (
    SELECT app_id, device_id, user_id, count(*)::int AS sessions
    FROM sessions
    GROUP BY app_id, device_id, user_id
  ) counted
  WHERE counted.app_id = devices.app_id AND counted.device_id = devices.id
    AND counted.user_id = devices.user_id;
