-- Versions that validate the server's in-memory cache of standings (see ARCHITECTURE.md):
-- a cached standing is used only while the member's activity version, the community's
-- thresholds version and the day are the ones it was computed for. Every write of a member's
-- activity bumps their version in the same transaction; setting thresholds bumps the
-- community's. No invalidation messages: several servers on one database stay correct.
ALTER TABLE members ADD COLUMN activity_version INTEGER NOT NULL DEFAULT 0;
-- No row: the defaults, version 0.
ALTER TABLE community_thresholds ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
