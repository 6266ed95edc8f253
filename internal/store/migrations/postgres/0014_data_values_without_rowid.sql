-- SQLite only: there data_values becomes a WITHOUT ROWID table (one b-tree
-- fewer per stored value). A PostgreSQL heap table with its primary-key
-- index is already the equivalent layout, so nothing changes here; the
-- file keeps both dialects at the same schema version.
SELECT 1;
