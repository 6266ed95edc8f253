-- The analytics_dirty marks are written by the Go code that changes the data,
-- in the same transaction (package dirty), instead of by the row triggers of
-- 0006: Citus does not support triggers on distributed tables by default, and
-- trigger syntax is where PostgreSQL-compatible servers differ most, so the
-- schema keeps none.
DROP TRIGGER IF EXISTS analytics_dirty_value ON data_values;
DROP TRIGGER IF EXISTS analytics_dirty_enterprise_change ON enterprises;
DROP TRIGGER IF EXISTS analytics_dirty_enterprise_update ON enterprises;
DROP TRIGGER IF EXISTS analytics_dirty_year ON enterprise_years;
DROP TRIGGER IF EXISTS analytics_dirty_tag ON enterprise_tags;
DROP FUNCTION IF EXISTS analytics_mark_value();
DROP FUNCTION IF EXISTS analytics_mark_enterprise();
