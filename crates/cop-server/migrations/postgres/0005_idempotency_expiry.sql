-- Idempotency keys expire (24 h by default, --idempotency-ttl-secs): each row carries the
-- moment it was stored as Unix seconds, indexed for the periodic purge.
ALTER TABLE idempotency ADD COLUMN created_epoch BIGINT NOT NULL DEFAULT 0;
CREATE INDEX idempotency_by_age ON idempotency (created_epoch);
