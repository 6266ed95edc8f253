-- Data values reported by enterprises: one row per enterprise, data element
-- and period (2024, 2024Q2 or 2024-06). Monthly cumulative elements keep the
-- 1–N月累计 figure as reported; per-month values are derived, never stored twice.
CREATE TABLE data_values (
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    element_code  TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    value         REAL    NOT NULL,
    source        TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL DEFAULT '',
    updated_at    TEXT    NOT NULL,
    PRIMARY KEY (enterprise_id, element_code, period)
);
CREATE INDEX data_values_element_period ON data_values (element_code, period);

-- Every change to a data value: who, when, old and new value, from where.
CREATE TABLE data_value_history (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL,
    element_code  TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    old_value     REAL,
    new_value     REAL,
    source        TEXT    NOT NULL,
    actor         TEXT    NOT NULL DEFAULT '',
    changed_at    TEXT    NOT NULL
);
CREATE INDEX data_value_history_key ON data_value_history (enterprise_id, element_code, period);

-- Figures entered directly for a city or county (published statistics,
-- survey results), each with its source.
CREATE TABLE region_values (
    org_code     TEXT NOT NULL REFERENCES org_units (code),
    element_code TEXT NOT NULL,
    period       TEXT NOT NULL,
    value        REAL NOT NULL,
    source       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    updated_by   TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (org_code, element_code, period)
);

-- Which dataset is loaded: real or synthetic demo data (演示数据).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
