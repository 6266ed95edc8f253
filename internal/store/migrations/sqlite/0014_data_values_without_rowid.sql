-- data_values as a WITHOUT ROWID table: its primary key (enterprise_id,
-- element_code, period) becomes the table's own b-tree instead of a second
-- one beside a rowid table, so every stored value is written to two b-trees
-- (the table and data_values_period) instead of three. Inserting a month of
-- 20,000 enterprises × 30 elements is dominated by those b-tree writes
-- (BenchmarkImport). Rows are small (well under the 1/20 of a page SQLite
-- advises for WITHOUT ROWID), and nothing reads data_values by rowid.
CREATE TABLE data_values_keyed (
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    element_code  TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    value         REAL    NOT NULL,
    source        TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL DEFAULT '',
    updated_at    TEXT    NOT NULL,
    PRIMARY KEY (enterprise_id, element_code, period)
) WITHOUT ROWID;
INSERT INTO data_values_keyed (enterprise_id, element_code, period, value, source, updated_by, updated_at)
    SELECT enterprise_id, element_code, period, value, source, updated_by, updated_at FROM data_values;
DROP TABLE data_values;
ALTER TABLE data_values_keyed RENAME TO data_values;
CREATE INDEX data_values_period ON data_values (period, element_code, enterprise_id, value);
