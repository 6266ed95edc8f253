-- Org units (city → county → town), parks, enterprises and their dated facts.
CREATE TABLE org_units (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('city', 'county', 'town')),
    parent_code TEXT REFERENCES org_units (code)
);

CREATE TABLE parks (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES org_units (code),
    kind        TEXT NOT NULL,
    featured    BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE enterprises (
    id              INTEGER PRIMARY KEY,
    uscc            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    county_code     TEXT NOT NULL REFERENCES org_units (code),
    park_code       TEXT REFERENCES parks (code),
    industry_code   TEXT NOT NULL,
    cluster_code    TEXT,
    sub_sector_code TEXT,
    land_mu         REAL,
    established_on  TEXT,
    synthetic       BOOLEAN NOT NULL DEFAULT FALSE,
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX enterprises_county ON enterprises (county_code);
CREATE INDEX enterprises_park ON enterprises (park_code);
CREATE INDEX enterprises_cluster ON enterprises (cluster_code, sub_sector_code);

-- 规上 status is decided per year.
CREATE TABLE enterprise_years (
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    above_scale   BOOLEAN NOT NULL,
    PRIMARY KEY (enterprise_id, year)
);

-- Dated designations (专精特新, 高新技术企业 …): counts are "as of" a date.
CREATE TABLE enterprise_tags (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    tag           TEXT NOT NULL,
    level         TEXT NOT NULL DEFAULT '',
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    source        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX enterprise_tags_enterprise ON enterprise_tags (enterprise_id);
CREATE INDEX enterprise_tags_tag ON enterprise_tags (tag, valid_from);

-- GB/T 4754 code prefix → cluster and sub-sector, per plan, editable.
CREATE TABLE industry_map (
    plan_id         TEXT NOT NULL,
    prefix          TEXT NOT NULL,
    cluster_code    TEXT NOT NULL,
    sub_sector_code TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, prefix)
);
