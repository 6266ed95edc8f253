package mujun

import (
	"context"
	"fmt"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// AdjustmentRecord is a bonus or penalty item entered for a firm and year.
// The method in force decides whether and how far it counts (its
// adjustments list and max_points).
type AdjustmentRecord struct {
	EnterpriseID int64   `json:"enterprise_id"`
	Year         int     `json:"year"`
	Item         string  `json:"item"`
	Points       float64 `json:"points"`
	Reason       string  `json:"reason"`
	Source       string  `json:"source"`
	EnteredBy    string  `json:"entered_by"`
	EnteredAt    string  `json:"entered_at"`
}

// knownAdjustmentItems are the item codes any preset method scores.
func knownAdjustmentItems() (map[string]string, error) {
	all, err := Presets()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, lm := range all {
		for _, a := range lm.Method.Adjustments {
			out[a.Code] = a.Name
		}
	}
	return out, nil
}

// SetAdjustment records (or replaces) a firm's bonus or penalty item for a
// year. Items are entered by the bureau (county or city), not by the firm,
// each with the reason and the document it rests on.
func (s *Service) SetAdjustment(ctx context.Context, a AdjustmentRecord) (AdjustmentRecord, error) {
	p := access.From(ctx)
	pl, err := s.visiblePlace(ctx, a.EnterpriseID)
	if err != nil {
		return AdjustmentRecord{}, err
	}
	if p.Role != access.RoleCounty && p.Role != access.RoleCity && p.Role != access.RoleAdmin {
		return AdjustmentRecord{}, apperr.New(apperr.Forbidden, "加减分项由县区或市经信部门录入")
	}
	if err := access.CanEnter(ctx, pl); err != nil {
		return AdjustmentRecord{}, err
	}
	items, err := knownAdjustmentItems()
	if err != nil {
		return AdjustmentRecord{}, err
	}
	if _, ok := items[a.Item]; !ok {
		return AdjustmentRecord{}, apperr.New(apperr.Invalid, "未知加减分项 %q（可用：%v）", a.Item, items)
	}
	if a.Points < 0 || strings.TrimSpace(a.Reason) == "" || strings.TrimSpace(a.Source) == "" || a.Year < 2000 {
		return AdjustmentRecord{}, apperr.New(apperr.Invalid, "加减分须有年度、非负分值（加减由评价方法决定）、理由和依据文件")
	}
	a.EnteredBy, a.EnteredAt = p.User, s.now()
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM mujun_adjustments WHERE enterprise_id = ? AND year = ? AND item_code = ?`, a.EnterpriseID, a.Year, a.Item); err != nil {
			return fmt.Errorf("replacing item %s of enterprise %d: %w", a.Item, a.EnterpriseID, err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO mujun_adjustments (enterprise_id, year, item_code, points, reason, source, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			a.EnterpriseID, a.Year, a.Item, a.Points, a.Reason, a.Source, a.EnteredBy, a.EnteredAt)
		if err != nil {
			return fmt.Errorf("storing item %s of enterprise %d: %w", a.Item, a.EnterpriseID, err)
		}
		return audit.Record(ctx, tx, audit.Event{Action: "mujun.adjustment", Object: fmt.Sprintf("mujun_adjustment:%d/%d/%s", a.EnterpriseID, a.Year, a.Item),
			EnterpriseID: a.EnterpriseID, Detail: map[string]any{"points": a.Points, "reason": a.Reason, "source": a.Source}})
	})
	return a, err
}

// Adjustments lists the items entered for a year that the caller may see.
func (s *Service) Adjustments(ctx context.Context, year int) ([]AdjustmentRecord, error) {
	scope, sargs := access.From(ctx).View.EnterpriseFilter("e")
	rows, err := s.DB.Query(ctx, `SELECT a.enterprise_id, a.year, a.item_code, a.points, a.reason, a.source, a.entered_by, a.entered_at
		FROM mujun_adjustments a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.year = ? AND `+scope+` ORDER BY a.enterprise_id, a.item_code`,
		append([]any{year}, sargs...)...)
	if err != nil {
		return nil, fmt.Errorf("listing bonus and penalty items of %d: %w", year, err)
	}
	defer rows.Close()
	out := []AdjustmentRecord{}
	for rows.Next() {
		var a AdjustmentRecord
		if err := rows.Scan(&a.EnterpriseID, &a.Year, &a.Item, &a.Points, &a.Reason, &a.Source, &a.EnteredBy, &a.EnteredAt); err != nil {
			return nil, fmt.Errorf("listing bonus and penalty items of %d: %w", year, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
