-- Data basis (数据口径) of the indicator analytics: 'all' counts every
-- reported value (全部数据); 'approved' only values whose enterprise and
-- period submission is approved or accepted (仅已审核数据, DHIS2's
-- approval-aware analytics, anchors.md §1.1). The basis joins the key, so
-- the table is recreated; its rows are derived, so they are not copied:
-- every enterprise is marked changed and the next read rebuilds both bases.
DROP TABLE analytics_indicator_values;
CREATE TABLE analytics_indicator_values (
    basis          TEXT    NOT NULL DEFAULT 'all' CHECK (basis IN ('all', 'approved')),
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
    PRIMARY KEY (org_code, group_code, basis, period, indicator_code)
);
CREATE INDEX analytics_indicator_values_period ON analytics_indicator_values (period, basis, indicator_code);

-- Refreshes ask, per period, whether any submission of it is approved, and
-- the approved basis reads a value only where its enterprise's submission for
-- its period is (approval.ApprovedCondition): one probe of this index each.
CREATE INDEX approvals_period_status ON approvals (period, status, enterprise_id);

DELETE FROM analytics_enterprises;
INSERT INTO analytics_dirty (enterprise_id, period) SELECT id, '' FROM enterprises WHERE TRUE ON CONFLICT DO NOTHING;
