-- 亩均效益评价: methods used, immutable yearly run snapshots and their entries,
-- bonus/penalty inputs, and appeals with their status history.

-- Every method a run used, by the hash of its file, so a snapshot can be
-- recomputed with exactly the method it was made with.
CREATE TABLE mujun_methods (
    hash        TEXT PRIMARY KEY,
    method_id   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    content     TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

-- A run is an immutable snapshot: the canonical JSON of every input, score,
-- rank and class, addressed by its SHA-256. The same content is never stored
-- twice for a year and method; a changed input makes the next version.
CREATE TABLE mujun_runs (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL,
    method_id      TEXT NOT NULL,
    method_version INTEGER NOT NULL,
    method_hash    TEXT NOT NULL REFERENCES mujun_methods (hash),
    version        INTEGER NOT NULL,
    content_hash   TEXT NOT NULL,
    snapshot       TEXT NOT NULL,
    entry_count    INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    run_trigger    TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    published_by   TEXT NOT NULL DEFAULT '',
    published_at   TEXT NOT NULL DEFAULT '',
    UNIQUE (year, method_id, version),
    UNIQUE (year, method_id, content_hash)
);

-- One row per evaluated firm of a run, for filtering and ranking in SQL; data
-- is the firm's entry exactly as in the snapshot.
CREATE TABLE mujun_entries (
    run_id        INTEGER NOT NULL REFERENCES mujun_runs (id),
    enterprise_id INTEGER NOT NULL,
    county_code   TEXT NOT NULL,
    park_code     TEXT NOT NULL,
    cluster_code  TEXT NOT NULL,
    total         REAL NOT NULL,
    rank_county   INTEGER NOT NULL,
    rank_city     INTEGER NOT NULL,
    class         TEXT NOT NULL,
    reason        TEXT NOT NULL,
    data          TEXT NOT NULL,
    PRIMARY KEY (run_id, enterprise_id)
);
CREATE INDEX mujun_entries_rank ON mujun_entries (run_id, rank_city);
CREATE INDEX mujun_entries_enterprise ON mujun_entries (enterprise_id, run_id);

-- Bonus and penalty items (安全生产, 节能降碳, 科技创新 …) per firm and year.
CREATE TABLE mujun_adjustments (
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    item_code     TEXT NOT NULL,
    points        REAL NOT NULL,
    reason        TEXT NOT NULL,
    source        TEXT NOT NULL,
    entered_by    TEXT NOT NULL,
    entered_at    TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, year, item_code)
);

-- 申诉复核: a filer's objection to a snapshot entry and the county's review.
CREATE TABLE mujun_appeals (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES mujun_runs (id),
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),
    reason          TEXT NOT NULL,
    attachment_name TEXT NOT NULL DEFAULT '',
    attachment      BLOB,
    attachment_size INTEGER NOT NULL DEFAULT 0,
    corrections     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('filed', 'accepted', 'rejected')),
    filed_by        TEXT NOT NULL,
    filed_at        TEXT NOT NULL,
    reviewed_by     TEXT NOT NULL DEFAULT '',
    reviewed_at     TEXT NOT NULL DEFAULT '',
    review_note     TEXT NOT NULL DEFAULT '',
    new_run_id      INTEGER REFERENCES mujun_runs (id)
);
CREATE INDEX mujun_appeals_run ON mujun_appeals (run_id, status);

-- Every step of an appeal, in order.
CREATE TABLE mujun_appeal_events (
    id        INTEGER PRIMARY KEY,
    appeal_id INTEGER NOT NULL REFERENCES mujun_appeals (id),
    status    TEXT NOT NULL,
    actor     TEXT NOT NULL,
    note      TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX mujun_appeal_events_appeal ON mujun_appeal_events (appeal_id, id);
