-- Value-creation stories. Texts are stored as typed (plain text); clients escape them.
CREATE TABLE stories (
    id                  TEXT PRIMARY KEY,
    community_id        TEXT NOT NULL REFERENCES communities (id),
    member_id           TEXT NOT NULL REFERENCES members (id),
    title               TEXT NOT NULL,
    -- JSON: [{"cycle": …, "text": …}] in the template's order
    answers             TEXT NOT NULL,
    -- JSON: ["https://…"]
    links               TEXT NOT NULL,
    share_with_sponsors INTEGER NOT NULL,
    anonymous           INTEGER NOT NULL,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX stories_by_community ON stories (community_id);
CREATE TABLE story_cycles (
    story_id TEXT NOT NULL REFERENCES stories (id),
    cycle    TEXT NOT NULL,
    PRIMARY KEY (story_id, cycle)
);
CREATE TABLE story_tags (
    story_id TEXT NOT NULL REFERENCES stories (id),
    tag      TEXT NOT NULL,
    PRIMARY KEY (story_id, tag)
);
