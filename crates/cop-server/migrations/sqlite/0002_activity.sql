-- What members did, per community, day and kind (counts added up per day).
CREATE TABLE activity (
    community_id TEXT NOT NULL REFERENCES communities (id),
    member_id    TEXT NOT NULL REFERENCES members (id),
    -- Days since 1970-01-01 (UTC).
    day          INTEGER NOT NULL,
    -- contribution, reply, event, read, visit
    kind         TEXT NOT NULL,
    count        INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (community_id, member_id, day, kind)
);
CREATE INDEX activity_by_member ON activity (member_id, community_id);
