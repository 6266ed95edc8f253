-- The indicator definitions the analytics were computed with, as the SHA-256
-- of the indicators file and the plan: a changed indicators file (a formula,
-- a factor, a cluster of the plan) makes every stored analytics row stale, so
-- the next read rebuilds them instead of serving results of the old formulas.
-- One row: analytics are kept for the store's plan.
CREATE TABLE analytics_definitions (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    sha256   TEXT NOT NULL,
    built_at TEXT NOT NULL
);
