-- Communities, members and who belongs where; idempotent writes.
CREATE TABLE communities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE members (
    id           TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE memberships (
    community_id TEXT NOT NULL REFERENCES communities (id),
    member_id    TEXT NOT NULL REFERENCES members (id),
    -- Comma-separated roles: coordinator, leader, expert, newcomer, sponsor, support…
    roles        TEXT NOT NULL DEFAULT '',
    joined_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (community_id, member_id)
);
CREATE INDEX memberships_by_member ON memberships (member_id);

-- The first answer to a POST with an Idempotency-Key, per member, so a retry returns it
-- instead of writing again.
CREATE TABLE idempotency (
    member_id   TEXT NOT NULL,
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (member_id, key)
);
