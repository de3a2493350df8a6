-- The featured-video carousel (issue 14): members' video interviews, cycles, the videos
-- featured in each cycle, and what the carousel's page views showed and had chosen.
CREATE TABLE videos (
    id               TEXT PRIMARY KEY,
    community_id     TEXT NOT NULL REFERENCES communities (id),
    title            TEXT NOT NULL,
    speaker_name     TEXT NOT NULL,
    speaker_role     TEXT NOT NULL,
    why              TEXT NOT NULL,
    duration_seconds INTEGER NOT NULL,
    provider         TEXT NOT NULL CHECK (provider IN ('youtube', 'vimeo', 'file')),
    provider_id      TEXT,
    -- JSON: [{"src": …, "type": …}]
    sources          TEXT NOT NULL DEFAULT '[]',
    poster           TEXT,
    captions_src     TEXT,
    captions_lang    TEXT,
    transcript       TEXT,
    member_id        TEXT,
    -- Only for the coordinator's notes (mailto:); never in a public answer.
    contact_email    TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX videos_by_community ON videos (community_id);
CREATE TABLE video_cycles (
    id           TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities (id),
    name         TEXT NOT NULL,
    -- YYYY-MM-DD, both days included
    starts       TEXT NOT NULL,
    ends         TEXT NOT NULL
);
CREATE INDEX video_cycles_by_community ON video_cycles (community_id, starts);
CREATE TABLE featured_videos (
    cycle_id TEXT NOT NULL REFERENCES video_cycles (id),
    video_id TEXT NOT NULL REFERENCES videos (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (cycle_id, video_id)
);
-- One row per (cycle, video, page view, kind): a page view counts once however often its
-- beacon is sent. No personal data: the page view id is random, made by the widget.
CREATE TABLE video_events (
    cycle_id  TEXT NOT NULL,
    video_id  TEXT NOT NULL,
    page_view TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('impression', 'selection')),
    PRIMARY KEY (cycle_id, video_id, kind, page_view)
) WITHOUT ROWID;
