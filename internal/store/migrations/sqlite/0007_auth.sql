-- Users, sessions, API tokens (internal/auth); the hash-chained audit log
-- (internal/audit); data approval per enterprise, dataset and period
-- (internal/approval).

-- A user has one role and two scopes, as in DHIS2: view_scope says what the
-- user may read, enter_scope what the user may write (JSON access.Scope).
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL DEFAULT '',
    role                TEXT NOT NULL CHECK (role IN ('admin', 'city', 'county', 'park', 'enterprise', 'leader')),
    view_scope          TEXT NOT NULL,
    enter_scope         TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    must_change         BOOLEAN NOT NULL DEFAULT FALSE,
    disabled            BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

-- Sessions are looked up by the SHA-256 of the cookie value, so a copy of
-- the table does not let anyone log in.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API tokens act as their user, optionally read-only; stored hashed.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    read_only    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL DEFAULT '',
    last_used_at TEXT NOT NULL DEFAULT '',
    revoked_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The audit log. Each row's hash is SHA-256 over the previous row's hash and
-- the row's own canonical content, so editing or deleting a row breaks the
-- chain at that row (`mfgplan audit verify`).
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT '',
    ip            TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL,
    object        TEXT NOT NULL DEFAULT '',
    enterprise_id INTEGER,
    outcome       TEXT NOT NULL DEFAULT 'ok',
    detail        TEXT NOT NULL DEFAULT '',
    prev_hash     TEXT NOT NULL DEFAULT '',
    hash          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
CREATE INDEX audit_log_action ON audit_log (action, at);

-- Approval state of one enterprise's dataset for one period:
-- submitted → approved (county/park) → accepted (city); returned goes back
-- to the enterprise with a reason. Submitted, approved and accepted lock the
-- period against writes until returned or unlocked.
CREATE TABLE approvals (
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    dataset       TEXT NOT NULL,
    period        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'accepted', 'returned', 'unlocked')),
    reason        TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, dataset, period)
);
CREATE INDEX approvals_period ON approvals (dataset, period, status);
