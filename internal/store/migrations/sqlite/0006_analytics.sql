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
    level          REAL,
    value          REAL,
    numerator      REAL,
    denominator    REAL,
    firms          INTEGER NOT NULL,
    missing        TEXT    NOT NULL DEFAULT '',
    computed_at    TEXT    NOT NULL,
    PRIMARY KEY (org_code, group_code, period, indicator_code)
) WITHOUT ROWID; -- one b-tree, not a rowid table beside its key
CREATE INDEX analytics_indicator_values_period ON analytics_indicator_values (period, indicator_code);

-- Where each enterprise was counted at the last refresh, so that a move
-- (county, park, cluster) refreshes the units it left as well as those it joined.
CREATE TABLE analytics_enterprises (
    enterprise_id   INTEGER PRIMARY KEY,
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
    enterprise_id INTEGER NOT NULL,
    period        TEXT    NOT NULL,
    PRIMARY KEY (enterprise_id, period)
);

-- Frames read one period's values of a few elements: covering the columns
-- they read keeps that a range scan of the index, with no lookup per row
-- into a table of tens of millions.
CREATE INDEX data_values_period ON data_values (period, element_code, enterprise_id, value);

CREATE TRIGGER analytics_dirty_value_insert AFTER INSERT ON data_values BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (NEW.enterprise_id, NEW.period);
END;
CREATE TRIGGER analytics_dirty_value_update AFTER UPDATE OF value, enterprise_id, period, element_code ON data_values BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (OLD.enterprise_id, OLD.period);
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (NEW.enterprise_id, NEW.period);
END;
CREATE TRIGGER analytics_dirty_value_delete AFTER DELETE ON data_values BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (OLD.enterprise_id, OLD.period);
END;
CREATE TRIGGER analytics_dirty_enterprise_insert AFTER INSERT ON enterprises BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (NEW.id, '');
END;
CREATE TRIGGER analytics_dirty_enterprise_update AFTER UPDATE ON enterprises
WHEN OLD.county_code IS NOT NEW.county_code OR OLD.park_code IS NOT NEW.park_code
  OR OLD.cluster_code IS NOT NEW.cluster_code OR OLD.sub_sector_code IS NOT NEW.sub_sector_code
  OR OLD.industry_code IS NOT NEW.industry_code OR OLD.name IS NOT NEW.name BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (NEW.id, '');
END;
CREATE TRIGGER analytics_dirty_enterprise_delete AFTER DELETE ON enterprises BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (OLD.id, '');
END;
CREATE TRIGGER analytics_dirty_year_insert AFTER INSERT ON enterprise_years BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (NEW.enterprise_id, NEW.year || '-*');
END;
CREATE TRIGGER analytics_dirty_year_update AFTER UPDATE ON enterprise_years BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (NEW.enterprise_id, NEW.year || '-*');
END;
CREATE TRIGGER analytics_dirty_year_delete AFTER DELETE ON enterprise_years BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (OLD.enterprise_id, OLD.year || '-*');
END;
CREATE TRIGGER analytics_dirty_tag_insert AFTER INSERT ON enterprise_tags BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (NEW.enterprise_id, '');
END;
CREATE TRIGGER analytics_dirty_tag_update AFTER UPDATE ON enterprise_tags BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (NEW.enterprise_id, '');
END;
CREATE TRIGGER analytics_dirty_tag_delete AFTER DELETE ON enterprise_tags BEGIN
    INSERT OR IGNORE INTO analytics_dirty (enterprise_id, period) VALUES (OLD.enterprise_id, '');
END;
