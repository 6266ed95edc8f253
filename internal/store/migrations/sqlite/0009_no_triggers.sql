-- The analytics_dirty marks are written by the Go code that changes the data,
-- in the same transaction (package dirty), instead of by the row triggers of
-- 0006: Citus does not support triggers on distributed tables by default, and
-- trigger syntax is where PostgreSQL-compatible servers differ most, so the
-- schema keeps none.
DROP TRIGGER IF EXISTS analytics_dirty_value_insert;
DROP TRIGGER IF EXISTS analytics_dirty_value_update;
DROP TRIGGER IF EXISTS analytics_dirty_value_delete;
DROP TRIGGER IF EXISTS analytics_dirty_enterprise_insert;
DROP TRIGGER IF EXISTS analytics_dirty_enterprise_update;
DROP TRIGGER IF EXISTS analytics_dirty_enterprise_delete;
DROP TRIGGER IF EXISTS analytics_dirty_year_insert;
DROP TRIGGER IF EXISTS analytics_dirty_year_update;
DROP TRIGGER IF EXISTS analytics_dirty_year_delete;
DROP TRIGGER IF EXISTS analytics_dirty_tag_insert;
DROP TRIGGER IF EXISTS analytics_dirty_tag_update;
DROP TRIGGER IF EXISTS analytics_dirty_tag_delete;
