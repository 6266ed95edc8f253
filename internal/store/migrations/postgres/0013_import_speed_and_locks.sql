-- data_values_period (0006: period, element_code, enterprise_id, value)
-- answers every query data_values_element_period (0003: element_code,
-- period) served — a period and element is a seek in either, and an element
-- alone is a scan of the smaller covering index — so the older index only
-- cost writes: one more b-tree per value, a third of the time spent
-- inserting a month of 20,000 enterprises × 30 elements (BenchmarkImport).
DROP INDEX IF EXISTS data_values_element_period;

-- stats.History reads one enterprise's changes newest first; its conditions
-- on element and period are optional, so it only ever used the enterprise
-- column of data_value_history_key (0003) and then sorted by id. An index
-- on the enterprise alone serves it without the sort at a third of the
-- size, and each history row an import writes lands after its enterprise's
-- earlier ones instead of in one of 30 places per enterprise.
DROP INDEX IF EXISTS data_value_history_key;
CREATE INDEX data_value_history_enterprise ON data_value_history (enterprise_id);

-- Named locks for writers that must not run side by side (two imports into
-- one period): Tx.Lock upserts the row, which holds it until the
-- transaction ends — a row lock on PostgreSQL, the write lock on SQLite.
CREATE TABLE store_locks (
    name      TEXT PRIMARY KEY,
    locked_at TEXT NOT NULL
);
