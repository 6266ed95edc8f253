-- The monthly cycle (上报 → 审核 → 确认, 报送进度, 催报).
--
-- import_enterprises: which enterprises an import named (file rows or JSON
-- items that resolved to a registered enterprise), written with the import's
-- outcome whether it landed, was only checked or was rejected. Owned by
-- collect; it lets a county or park reviewer see the imports of the firms
-- it reviews, and only those whose every firm it may see.
CREATE TABLE import_enterprises (
    import_id     INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    PRIMARY KEY (import_id, enterprise_id)
);
CREATE INDEX import_enterprises_enterprise ON import_enterprises (enterprise_id, import_id);

-- filing_due: a dataset's due date as set by a city administrator,
-- overriding the default of internal/cycle/calendar.yaml: reports of a
-- period are due on day due_day of the months_after-th month after the
-- period's last month (day ≤ 28: every month has it). Owned by cycle.
CREATE TABLE filing_due (
    dataset      TEXT PRIMARY KEY,
    months_after INTEGER NOT NULL CHECK (months_after BETWEEN 0 AND 12),
    due_day      INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 28),
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- reminders: a 催报 recorded by a county, park or city user for a firm
-- that had not submitted a dataset's period: who, when, to whom (the firm
-- and the contact as known then). Delivery (SMS, mail) is outside the
-- platform; the record and the printable 催报单 are in it. Owned by cycle.
CREATE TABLE reminders (
    id              INTEGER PRIMARY KEY,
    batch           TEXT NOT NULL,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    dataset         TEXT NOT NULL,
    period          TEXT NOT NULL,
    state           TEXT NOT NULL,
    contact         TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    actor           TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX reminders_period ON reminders (dataset, period, enterprise_id);
CREATE INDEX reminders_batch ON reminders (batch);

-- An enterprise's filing contact (填报联系人 and 电话), listed with the
-- firms that have not filed so that a reviewer knows whom to chase. Owned
-- by registry.
ALTER TABLE enterprises ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
