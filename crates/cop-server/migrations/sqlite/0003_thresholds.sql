-- A community's own thresholds for the levels, as JSON (cop-core's ThresholdsJson).
-- No row: the documented defaults.
CREATE TABLE community_thresholds (
    community_id TEXT PRIMARY KEY REFERENCES communities (id),
    thresholds   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
