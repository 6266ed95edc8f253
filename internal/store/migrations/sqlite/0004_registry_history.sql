-- Every change to an enterprise's registry record, one row per changed field:
-- who, when, old value → new value, and from where (cli, api, demo, import:N).
CREATE TABLE registry_history (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL,
    field         TEXT    NOT NULL,
    old_value     TEXT,
    new_value     TEXT,
    source        TEXT    NOT NULL,
    actor         TEXT    NOT NULL DEFAULT '',
    changed_at    TEXT    NOT NULL
);
CREATE INDEX registry_history_enterprise ON registry_history (enterprise_id, id);

-- Set when a user assigned the cluster/sub-sector by hand; otherwise both are
-- derived from industry_code through the plan's industry_map.
ALTER TABLE enterprises ADD COLUMN cluster_override BOOLEAN NOT NULL DEFAULT FALSE;
