-- Purchases the store refunds unless acknowledged (Google Play, within three days): when the
-- worker should next try to acknowledge one; null once nothing is left to do.
ALTER TABLE purchases ADD COLUMN acknowledge_due_at timestamptz;
CREATE INDEX purchases_acknowledge_due_idx ON purchases (acknowledge_due_at) WHERE acknowledge_due_at IS NOT NULL;
