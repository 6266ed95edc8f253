-- The files loaded beside a plan (indicators, industry map, published figures)
-- are part of its version: a changed indicators file is a new plan version
-- like a changed plan file, and the version keeps what was loaded, as JSON
-- [{"name": …, "content": …}] ('' for versions recorded before this).
ALTER TABLE plan_versions ADD COLUMN companions TEXT NOT NULL DEFAULT '';
