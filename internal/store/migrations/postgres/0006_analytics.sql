-- Pre-computed indicator values (the DHIS2 analytics-table lesson): one row
-- per indicator, org unit (city, county or park), group (all enterprises,
-- one cluster or one sub-sector) and period (month 1–N月累计, or year).
-- Refreshed incrementally from analytics_dirty before every read; rebuilt in
-- full by `mfgplan analytics rebuild`. Source data is never dropped.
CREATE TABLE analytics_indicator_values (
    indicator_code TEXT    NOT NULL,
    org_code       TEXT    NOT NULL,
    group_code     TEXT    NOT NULL DEFAULT '',
    period         TEXT    NOT NULL,
    level          DOUBLE PRECISION,
    value          DOUBLE PRECISION,
    numerator      DOUBLE PRECISION,
    denominator    DOUBLE PRECISION,
    firms          INTEGER NOT NULL,
    missing        TEXT    NOT NULL DEFAULT '',
    computed_at    TEXT    NOT NULL,
    PRIMARY KEY (org_code, group_code, period, indicator_code)
);
CREATE INDEX analytics_indicator_values_period ON analytics_indicator_values (period, indicator_code);

-- Where each enterprise was counted at the last refresh, so that a move
-- (county, park, cluster) refreshes the units it left as well as those it joined.
CREATE TABLE analytics_enterprises (
    enterprise_id   BIGINT PRIMARY KEY,
    county_code     TEXT NOT NULL,
    park_code       TEXT NOT NULL,
    cluster_code    TEXT NOT NULL,
    sub_sector_code TEXT NOT NULL
);

-- What changed since the last refresh, written by triggers in the same
-- transaction as the change, so that no committed change can be missed
-- (timestamps written before a long import commits could be). period '' means
-- every period of the enterprise (its place or tags changed); 'YYYY-*' the
-- year and its months (its 规上 status that year changed).
CREATE TABLE analytics_dirty (
    enterprise_id BIGINT NOT NULL,
    period        TEXT   NOT NULL,
    PRIMARY KEY (enterprise_id, period)
);

-- Frames read one period's values of a few elements: covering the columns
-- they read keeps that a range scan of the index, with no lookup per row
-- into a table of tens of millions.
CREATE INDEX data_values_period ON data_values (period, element_code, enterprise_id, value);

CREATE FUNCTION analytics_mark_value() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO analytics_dirty (enterprise_id, period) VALUES (OLD.enterprise_id, OLD.period) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO analytics_dirty (enterprise_id, period) VALUES (NEW.enterprise_id, NEW.period) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- Marks an enterprise's periods: the first argument names the column holding
-- the enterprise id (id on enterprises, enterprise_id elsewhere); a second
-- names a year column, narrowing the mark to that year and its months.
CREATE FUNCTION analytics_mark_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed jsonb;
    per     TEXT := '';
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := to_jsonb(OLD);
    ELSE
        changed := to_jsonb(NEW);
    END IF;
    IF TG_NARGS > 1 THEN
        per := (changed ->> TG_ARGV[1]) || '-*';
    END IF;
    INSERT INTO analytics_dirty (enterprise_id, period)
        VALUES ((changed ->> TG_ARGV[0])::BIGINT, per) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER analytics_dirty_value AFTER INSERT OR DELETE OR UPDATE OF value, enterprise_id, period, element_code ON data_values
    FOR EACH ROW EXECUTE PROCEDURE analytics_mark_value();
CREATE TRIGGER analytics_dirty_enterprise_change AFTER INSERT OR DELETE ON enterprises
    FOR EACH ROW EXECUTE PROCEDURE analytics_mark_enterprise('id');
CREATE TRIGGER analytics_dirty_enterprise_update AFTER UPDATE ON enterprises
    FOR EACH ROW WHEN (OLD.county_code IS DISTINCT FROM NEW.county_code OR OLD.park_code IS DISTINCT FROM NEW.park_code
        OR OLD.cluster_code IS DISTINCT FROM NEW.cluster_code OR OLD.sub_sector_code IS DISTINCT FROM NEW.sub_sector_code
        OR OLD.industry_code IS DISTINCT FROM NEW.industry_code OR OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE PROCEDURE analytics_mark_enterprise('id');
CREATE TRIGGER analytics_dirty_year AFTER INSERT OR UPDATE OR DELETE ON enterprise_years
    FOR EACH ROW EXECUTE PROCEDURE analytics_mark_enterprise('enterprise_id', 'year');
CREATE TRIGGER analytics_dirty_tag AFTER INSERT OR UPDATE OR DELETE ON enterprise_tags
    FOR EACH ROW EXECUTE PROCEDURE analytics_mark_enterprise('enterprise_id');
