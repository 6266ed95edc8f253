-- Towns (乡镇/街道) under a county, and the town an enterprise sits in.
-- source says who owns an org unit: 'plan' units are synced from the plan
-- file (and removed by the sync when the plan drops them and nothing refers
-- to them); 'user' units were added through the CLI or the API and are kept
-- by the sync.
ALTER TABLE org_units ADD COLUMN source TEXT NOT NULL DEFAULT 'plan' CHECK (source IN ('plan', 'user'));
CREATE INDEX org_units_parent ON org_units (parent_code);

ALTER TABLE enterprises ADD COLUMN town_code TEXT REFERENCES org_units (code);
CREATE INDEX enterprises_town ON enterprises (town_code);
