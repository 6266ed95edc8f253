-- Import history: every file or JSON batch submitted for import, whether it
-- landed, was rejected or was only checked (dry run). The original bytes and
-- the annotated workbook are kept so that both can be downloaded again.
CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    actor         TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    format        TEXT    NOT NULL,
    sha256        TEXT    NOT NULL,
    dataset       TEXT    NOT NULL DEFAULT '',
    period        TEXT    NOT NULL DEFAULT '',
    dry_run       BOOLEAN NOT NULL DEFAULT FALSE,
    status        TEXT    NOT NULL CHECK (status IN ('running', 'committed', 'checked', 'rejected')),
    rows_read     INTEGER NOT NULL DEFAULT 0,
    inserted      INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    error_count   INTEGER NOT NULL DEFAULT 0,
    warning_count INTEGER NOT NULL DEFAULT 0,
    message       TEXT    NOT NULL DEFAULT '',
    problems      TEXT    NOT NULL DEFAULT '[]',
    file_bytes    BLOB,
    annotated     BLOB
);
CREATE INDEX imports_created ON imports (created_at);
CREATE INDEX imports_sha256 ON imports (sha256);
