package approval

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// approvedOnlyKey is the settings row that makes analytics count only data
// whose submission has been approved or accepted (DHIS2's approval-aware
// analytics, anchors.md §1.1).
const approvedOnlyKey = "analytics.approved_only"

// ApprovedOnly reports whether dashboards and indicators should use only
// approved or accepted data. Services computing aggregates read it and, when
// true, add ApprovedCondition to their query, and say in their response which
// data they used ("approved_only": true/false). Off by default.
func ApprovedOnly(ctx context.Context, q store.Querier) (bool, error) {
	var v string
	err := q.QueryRow(ctx, `SELECT value FROM settings WHERE key = ?`, approvedOnlyKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading setting %s: %w", approvedOnlyKey, err)
	}
	return strconv.ParseBool(v)
}

// SetApprovedOnly changes the setting; city administrators and the system
// administrator may. The change is audited.
func SetApprovedOnly(ctx context.Context, db *store.DB, on bool) error {
	if r := access.From(ctx).Role; r != access.RoleAdmin && r != access.RoleCity {
		return apperr.New(apperr.Forbidden, "只有市级管理员或系统管理员可以修改该设置")
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM settings WHERE key = ?`, approvedOnlyKey); err != nil {
			return fmt.Errorf("changing setting %s: %w", approvedOnlyKey, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, approvedOnlyKey, strconv.FormatBool(on)); err != nil {
			return fmt.Errorf("changing setting %s: %w", approvedOnlyKey, err)
		}
		return audit.Record(ctx, tx, audit.Event{Action: audit.ActionSetting, Object: "setting:" + approvedOnlyKey, Detail: map[string]bool{"value": on}})
	})
}

// ApprovedStatuses are the statuses whose data counts as approved, as an
// SQL list for `status IN ApprovedStatuses`.
const ApprovedStatuses = `('` + string(Approved) + `', '` + string(Accepted) + `')`

// ApprovedCondition returns an SQL condition (no parameters) true for a
// data_values row aliased alias whose enterprise and period are approved or
// accepted in some dataset. Append it with AND when ApprovedOnly is true.
func ApprovedCondition(alias string) string {
	return `EXISTS (SELECT 1 FROM approvals ap WHERE ap.enterprise_id = ` + alias + `.enterprise_id AND ap.period = ` + alias +
		`.period AND ap.status IN ` + ApprovedStatuses + `)`
}

// ApprovedEnterprises is ApprovedCondition as a set for one period: the
// enterprises with an approved or accepted submission for it in some
// dataset. Readers that scan a period's values once for several purposes
// (the indicator analytics) filter with it instead of probing per value.
func ApprovedEnterprises(ctx context.Context, q store.Querier, period string) (map[int64]bool, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT enterprise_id FROM approvals WHERE period = ? AND status IN `+ApprovedStatuses, period)
	if err != nil {
		return nil, fmt.Errorf("listing enterprises approved for %s: %w", period, err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("listing enterprises approved for %s: %w", period, err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
