-- Versions that validate the server's in-memory cache of standings (see ARCHITECTURE.md and
-- ../sqlite/0006): every write of a member's activity bumps their version in the same
-- transaction; setting thresholds bumps the community's; triggers move the community's
-- members_version with every join, leave and member's activity version. Several servers on
-- one database read the same versions, so none needs telling about another's writes.
ALTER TABLE members ADD COLUMN activity_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN members_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION member_activity_moves_their_communities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE communities SET members_version = members_version + 1
    WHERE id IN (SELECT community_id FROM memberships WHERE member_id = NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER member_activity_moves_their_communities
AFTER UPDATE OF activity_version ON members
FOR EACH ROW EXECUTE FUNCTION member_activity_moves_their_communities();

CREATE FUNCTION joining_moves_the_community() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE communities SET members_version = members_version + 1 WHERE id = NEW.community_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER joining_moves_the_community
AFTER INSERT ON memberships
FOR EACH ROW EXECUTE FUNCTION joining_moves_the_community();

CREATE FUNCTION leaving_moves_the_community() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE communities SET members_version = members_version + 1 WHERE id = OLD.community_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER leaving_moves_the_community
AFTER DELETE ON memberships
FOR EACH ROW EXECUTE FUNCTION leaving_moves_the_community();

-- No row: the defaults, version 0.
ALTER TABLE community_thresholds ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
