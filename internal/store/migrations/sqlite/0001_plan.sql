-- Plan files as loaded, every version kept: a changed file is a new version.
CREATE TABLE plan_versions (
    plan_id   TEXT    NOT NULL,
    version   INTEGER NOT NULL,
    sha256    TEXT    NOT NULL,
    source    TEXT    NOT NULL,
    content   TEXT    NOT NULL,
    loaded_at TEXT    NOT NULL,
    PRIMARY KEY (plan_id, version)
);
CREATE UNIQUE INDEX plan_versions_hash ON plan_versions (plan_id, sha256);
