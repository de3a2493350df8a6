-- Versions that validate the server's in-memory cache of standings (see ARCHITECTURE.md):
-- a cached standing is used only while the member's activity version, the community's
-- thresholds version and the day are the ones it was computed for. Every write of a member's
-- activity bumps their version in the same transaction; setting thresholds bumps the
-- community's. No invalidation messages: several servers on one database stay correct.
ALTER TABLE members ADD COLUMN activity_version INTEGER NOT NULL DEFAULT 0;
-- Bumped with the activity version of any of its members, by the trigger below (in the same
-- transaction, whoever bumps the member): an unchanged value means no member's version here
-- changed, so the distribution may reuse its list of members and their versions (as long as
-- the memberships are the same, too).
ALTER TABLE communities ADD COLUMN activity_version INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER member_activity_moves_their_communities
AFTER UPDATE OF activity_version ON members
BEGIN
    UPDATE communities SET activity_version = activity_version + 1
    WHERE id IN (SELECT community_id FROM memberships WHERE member_id = NEW.id);
END;
-- No row: the defaults, version 0.
ALTER TABLE community_thresholds ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
