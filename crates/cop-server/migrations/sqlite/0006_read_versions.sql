-- Versions that validate the server's in-memory cache of standings (see ARCHITECTURE.md):
-- a cached standing is used only while the member's activity version, the community's
-- thresholds version and the day are the ones it was computed for. Every write of a member's
-- activity bumps their version in the same transaction; setting thresholds bumps the
-- community's. No invalidation messages: several servers on one database stay correct.
ALTER TABLE members ADD COLUMN activity_version INTEGER NOT NULL DEFAULT 0;
-- Moves whenever the community's members change (a join, a leave) or any member's activity
-- version does, by the triggers below, in the same transaction as the write whoever makes it:
-- while it stays, the list of members with their versions (and so the distribution) is the same.
ALTER TABLE communities ADD COLUMN members_version INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER member_activity_moves_their_communities
AFTER UPDATE OF activity_version ON members
BEGIN
    UPDATE communities SET members_version = members_version + 1
    WHERE id IN (SELECT community_id FROM memberships WHERE member_id = NEW.id);
END;
CREATE TRIGGER joining_moves_the_community
AFTER INSERT ON memberships
BEGIN
    UPDATE communities SET members_version = members_version + 1 WHERE id = NEW.community_id;
END;
CREATE TRIGGER leaving_moves_the_community
AFTER DELETE ON memberships
BEGIN
    UPDATE communities SET members_version = members_version + 1 WHERE id = OLD.community_id;
END;
-- No row: the defaults, version 0.
ALTER TABLE community_thresholds ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
