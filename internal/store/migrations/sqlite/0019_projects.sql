-- 重大项目 (internal/project): the project library with its stage history,
-- approvals checklist (前期手续), yearly plans and monthly completed
-- investment, 要素保障 problems, visits (三办一访), the monthly 红黄绿灯
-- snapshots and the city's choice of light rules. Only package project
-- reads or writes these tables.

-- One row per project. Codes are stored as text: 项目代码 in its hyphenated
-- display form (GB/T 40058), counties/parks/clusters as the plan's codes.
-- county_code is '' only for a project the plan names without a place.
CREATE TABLE projects (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL,
    code               TEXT,
    origin             TEXT    NOT NULL CHECK (origin IN ('plan', 'manual', 'lead', 'demo')),
    plan_key           TEXT,
    plan_ref           TEXT    NOT NULL DEFAULT '',
    lead_ref           TEXT,
    enterprise_id      BIGINT,
    owner_name         TEXT    NOT NULL DEFAULT '',
    owner_uscc         TEXT    NOT NULL DEFAULT '',
    county_code        TEXT    NOT NULL DEFAULT '',
    park_code          TEXT    NOT NULL DEFAULT '',
    cluster_code       TEXT    NOT NULL DEFAULT '',
    sub_sector_code    TEXT    NOT NULL DEFAULT '',
    industry_code      TEXT    NOT NULL DEFAULT '',
    kind               TEXT    NOT NULL DEFAULT '',
    tier               TEXT    NOT NULL DEFAULT 'county',
    approval_mode      TEXT    NOT NULL DEFAULT '',
    total_investment   DOUBLE PRECISION,
    planned_start      TEXT    NOT NULL DEFAULT '',
    planned_completion TEXT    NOT NULL DEFAULT '',
    planned_production TEXT    NOT NULL DEFAULT '',
    content            TEXT    NOT NULL DEFAULT '',
    contact_name       TEXT    NOT NULL DEFAULT '',
    contact_phone      TEXT    NOT NULL DEFAULT '',
    service_unit       TEXT    NOT NULL DEFAULT '',
    service_person     TEXT    NOT NULL DEFAULT '',
    energy_tce         DOUBLE PRECISION,
    electricity_mkwh   DOUBLE PRECISION,
    hazardous          BOOLEAN NOT NULL DEFAULT FALSE,
    new_land           BOOLEAN NOT NULL DEFAULT TRUE,
    eia_exempt         BOOLEAN NOT NULL DEFAULT FALSE,
    stage              TEXT    NOT NULL,
    stage_on           TEXT    NOT NULL,
    paused_from        TEXT    NOT NULL DEFAULT '',
    registered_on      TEXT    NOT NULL,
    signed_on          TEXT    NOT NULL DEFAULT '',
    started_on         TEXT    NOT NULL DEFAULT '',
    note               TEXT    NOT NULL DEFAULT '',
    created_by         TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE UNIQUE INDEX projects_code ON projects (code);
CREATE UNIQUE INDEX projects_plan_key ON projects (plan_key);
CREATE UNIQUE INDEX projects_lead_ref ON projects (lead_ref);
CREATE INDEX projects_place ON projects (county_code, park_code);
CREATE INDEX projects_stage ON projects (stage);

CREATE TABLE project_nodes (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    node_code  TEXT   NOT NULL,
    PRIMARY KEY (project_id, node_code)
);

-- Every stage transition, dated by when it happened (on_date) and stamped
-- with who recorded it and when.
CREATE TABLE project_stages (
    id          INTEGER PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects (id),
    from_stage  TEXT   NOT NULL,
    to_stage    TEXT   NOT NULL,
    on_date     TEXT   NOT NULL,
    reason      TEXT   NOT NULL DEFAULT '',
    actor       TEXT   NOT NULL,
    recorded_at TEXT   NOT NULL
);
CREATE INDEX project_stages_project ON project_stages (project_id);

-- The project's history: one Chinese sentence per change, with its detail.
CREATE TABLE project_events (
    id          INTEGER PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects (id),
    kind        TEXT   NOT NULL,
    summary     TEXT   NOT NULL,
    detail      TEXT   NOT NULL DEFAULT '{}',
    actor       TEXT   NOT NULL,
    recorded_at TEXT   NOT NULL
);
CREATE INDEX project_events_project ON project_events (project_id);

CREATE TABLE project_approvals (
    project_id BIGINT  NOT NULL REFERENCES projects (id),
    item       TEXT    NOT NULL,
    required   BOOLEAN NOT NULL,
    rule       TEXT    NOT NULL DEFAULT '',
    status     TEXT    NOT NULL CHECK (status IN ('pending', 'in_progress', 'done', 'not_needed')),
    department TEXT    NOT NULL DEFAULT '',
    deadline   TEXT    NOT NULL DEFAULT '',
    done_on    TEXT    NOT NULL DEFAULT '',
    doc_no     TEXT    NOT NULL DEFAULT '',
    expires_on TEXT    NOT NULL DEFAULT '',
    note       TEXT    NOT NULL DEFAULT '',
    updated_by TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (project_id, item)
);

-- 年度计划投资 and monthly 本年累计完成投资 (1–N月, 万元) with 形象进度.
CREATE TABLE project_year_plans (
    project_id BIGINT           NOT NULL REFERENCES projects (id),
    year       INTEGER          NOT NULL,
    planned    DOUBLE PRECISION NOT NULL,
    source     TEXT             NOT NULL,
    updated_by TEXT             NOT NULL,
    updated_at TEXT             NOT NULL,
    PRIMARY KEY (project_id, year)
);
CREATE TABLE project_investments (
    project_id BIGINT           NOT NULL REFERENCES projects (id),
    period     TEXT             NOT NULL,
    ytd        DOUBLE PRECISION NOT NULL,
    progress   TEXT             NOT NULL DEFAULT '',
    source     TEXT             NOT NULL,
    updated_by TEXT             NOT NULL,
    updated_at TEXT             NOT NULL,
    PRIMARY KEY (project_id, period)
);
CREATE INDEX project_investments_period ON project_investments (period);

-- 要素保障 problems (tickets) and 定期访 visits.
CREATE TABLE project_problems (
    id           INTEGER PRIMARY KEY,
    project_id   BIGINT NOT NULL REFERENCES projects (id),
    kind         TEXT   NOT NULL,
    description  TEXT   NOT NULL,
    owner_unit   TEXT   NOT NULL DEFAULT '',
    owner_person TEXT   NOT NULL DEFAULT '',
    deadline     TEXT   NOT NULL DEFAULT '',
    status       TEXT   NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    resolution   TEXT   NOT NULL DEFAULT '',
    raised_on    TEXT   NOT NULL,
    resolved_on  TEXT   NOT NULL DEFAULT '',
    raised_by    TEXT   NOT NULL,
    updated_at   TEXT   NOT NULL
);
CREATE INDEX project_problems_project ON project_problems (project_id);
CREATE TABLE project_visits (
    id          INTEGER PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects (id),
    visited_on  TEXT   NOT NULL,
    visitors    TEXT   NOT NULL,
    findings    TEXT   NOT NULL,
    follow_up   TEXT   NOT NULL DEFAULT '',
    recorded_by TEXT   NOT NULL,
    recorded_at TEXT   NOT NULL
);
CREATE INDEX project_visits_project ON project_visits (project_id);

-- Monthly light snapshots: one run per (period, rule set) evaluated as of
-- a date (the month's last day, or today within the current month), and
-- one row per project with its light, reason and the figures behind it.
CREATE TABLE project_light_runs (
    period       TEXT    NOT NULL,
    rule_set     TEXT    NOT NULL,
    as_of        TEXT    NOT NULL,
    evaluated_at TEXT    NOT NULL,
    projects     INTEGER NOT NULL,
    PRIMARY KEY (period, rule_set)
);
CREATE TABLE project_lights (
    period     TEXT             NOT NULL,
    rule_set   TEXT             NOT NULL,
    project_id BIGINT           NOT NULL REFERENCES projects (id),
    light      TEXT             NOT NULL CHECK (light IN ('green', 'yellow', 'red', 'none')),
    light_rank INTEGER          NOT NULL,
    reason     TEXT             NOT NULL,
    ytd        DOUBLE PRECISION,
    planned    DOUBLE PRECISION,
    completion DOUBLE PRECISION,
    overdue    INTEGER          NOT NULL DEFAULT 0,
    PRIMARY KEY (period, rule_set, project_id)
);
CREATE INDEX project_lights_project ON project_lights (project_id);

CREATE TABLE project_settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
