-- PostgreSQL twin of ../sqlite/0001: the same tables, columns and keys (see ARCHITECTURE.md,
-- "two migration sets"). Timestamps are RFC 3339 UTC text, as on SQLite, so both answer alike;
-- ids and tags that lists are ordered by compare byte for byte (COLLATE "C"), as SQLite's do,
-- whatever the database's locale.
CREATE TABLE communities (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT,
    created_at  TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

CREATE TABLE members (
    id           TEXT COLLATE "C" PRIMARY KEY,
    display_name TEXT NOT NULL,
    created_at   TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

CREATE TABLE memberships (
    community_id TEXT NOT NULL REFERENCES communities (id),
    member_id    TEXT NOT NULL REFERENCES members (id),
    -- Comma-separated roles: coordinator, leader, expert, newcomer, sponsor, support…
    roles        TEXT NOT NULL DEFAULT '',
    joined_at    TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    PRIMARY KEY (community_id, member_id)
);
CREATE INDEX memberships_by_member ON memberships (member_id);

-- The first answer to a POST with an Idempotency-Key, per member, so a retry returns it
-- instead of writing again.
CREATE TABLE idempotency (
    member_id   TEXT NOT NULL,
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status      BIGINT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    PRIMARY KEY (member_id, key)
);
