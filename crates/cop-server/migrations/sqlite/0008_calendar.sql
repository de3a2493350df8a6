-- The community-rhythm calendar (issue 15): a community's events (recurring series and
-- one-offs, their timing as RFC 5545 lines) and their occurrences cancelled or moved.
CREATE TABLE calendar_events (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities (id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    place TEXT,
    duration_minutes INTEGER NOT NULL,
    -- DTSTART;TZID=… and RRULE/EXDATE/RDATE lines, unfolded, joined with \n (validated).
    timing TEXT NOT NULL,
    -- DTSTART's zone (UTC for …Z).
    zone TEXT NOT NULL,
    -- iCalendar's SEQUENCE: moves with every change of the event or an occurrence.
    sequence INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calendar_events_community ON calendar_events (community_id);

CREATE TABLE occurrence_overrides (
    event_id TEXT NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    -- The occurrence's original start, RFC 3339 UTC (YYYY-MM-DDTHH:MM:SSZ).
    recurrence_id TEXT NOT NULL,
    -- The new start (RFC 3339 UTC) when moved; NULL when cancelled.
    start TEXT,
    PRIMARY KEY (event_id, recurrence_id)
);
