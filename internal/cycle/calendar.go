package cycle

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/datafile"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

//go:embed calendar.yaml
var calendarYAML []byte

// Due is when one dataset's reports are due, and where that rule comes from.
type Due struct {
	Dataset     string `json:"dataset" yaml:"-"`
	Name        string `json:"dataset_name" yaml:"-"`
	MonthsAfter int    `json:"months_after" yaml:"months_after"`
	Day         int    `json:"day" yaml:"day"`
	Window      int    `json:"window" yaml:"window"`
	Source      string `json:"source" yaml:"source"`
	// Default is true while no administrator has changed the rule.
	Default   bool   `json:"default" yaml:"-"`
	UpdatedBy string `json:"updated_by,omitempty" yaml:"-"`
	UpdatedAt string `json:"updated_at,omitempty" yaml:"-"`
}

// loadDefaults reads calendar.yaml and checks it names exactly the
// catalog's datasets with valid rules.
func loadDefaults(cat *stats.Catalog) (map[string]Due, error) {
	var doc struct {
		Datasets map[string]Due `yaml:"datasets"`
	}
	if err := datafile.Strict(calendarYAML, &doc); err != nil {
		return nil, fmt.Errorf("internal/cycle/calendar.yaml: %w", err)
	}
	for _, ds := range cat.Datasets {
		d, ok := doc.Datasets[ds.Code]
		if !ok {
			return nil, fmt.Errorf("internal/cycle/calendar.yaml: no rule for dataset %s", ds.Code)
		}
		if err := checkRule(d.MonthsAfter, d.Day); err != nil || d.Window < 1 || d.Source == "" {
			return nil, fmt.Errorf("internal/cycle/calendar.yaml: dataset %s: months_after 0–12, day 1–28, window ≥ 1 and a source are required", ds.Code)
		}
	}
	return doc.Datasets, nil
}

func checkRule(monthsAfter, day int) error {
	if monthsAfter < 0 || monthsAfter > 12 || day < 1 || day > 28 {
		return apperr.New(apperr.Invalid, "截止日期应为期末后第 0–12 个月的 1–28 日（28 日以内，每个月都有这一天），收到：第 %d 个月 %d 日", monthsAfter, day)
	}
	return nil
}

// DueDate is the day reports of p are due under d.
func (d Due) DueDate(p stats.Period) time.Time {
	year, month := p.Year, 12
	if p.Type == stats.Monthly {
		month = p.Index
	}
	return time.Date(year, time.Month(month+d.MonthsAfter), d.Day, 0, 0, 0, 0, China)
}

// Calendar returns every dataset's rule in force, in catalog order.
func (s *Service) Calendar(ctx context.Context) ([]Due, error) {
	out := make([]Due, 0, len(s.cat.Datasets))
	for _, ds := range s.cat.Datasets {
		d, err := s.due(ctx, s.db, ds.Code)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// due is the rule in force for dataset: the stored one, else the default.
func (s *Service) due(ctx context.Context, q store.Querier, dataset string) (Due, error) {
	d, ok := s.defaults[dataset]
	if !ok {
		return d, apperr.New(apperr.Invalid, "数据集 %q 不存在", dataset)
	}
	d.Dataset, d.Name, d.Default = dataset, s.cat.Dataset(dataset).Name, true
	err := q.QueryRow(ctx, `SELECT months_after, due_day, updated_by, updated_at FROM filing_due WHERE dataset = ?`, dataset).
		Scan(&d.MonthsAfter, &d.Day, &d.UpdatedBy, &d.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("reading the filing calendar of %s: %w", dataset, err)
	}
	d.Default, d.Source = false, "系统设置"
	return d, nil
}

// SetDue changes when dataset's reports are due; city administrators and
// the 系统管理员 may. The change is audited.
func (s *Service) SetDue(ctx context.Context, dataset string, monthsAfter, day int) (Due, error) {
	if r := access.From(ctx).Role; r != access.RoleAdmin && r != access.RoleCity {
		return Due{}, apperr.New(apperr.Forbidden, "只有市级管理员或系统管理员可以修改报送日历")
	}
	old, err := s.due(ctx, s.db, dataset)
	if err != nil {
		return Due{}, err
	}
	if err := checkRule(monthsAfter, day); err != nil {
		return Due{}, err
	}
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM filing_due WHERE dataset = ?`, dataset); err != nil {
			return fmt.Errorf("changing the filing calendar of %s: %w", dataset, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO filing_due (dataset, months_after, due_day, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)`,
			dataset, monthsAfter, day, access.From(ctx).User, s.now().UTC().Format(audit.TimeFormat)); err != nil {
			return fmt.Errorf("changing the filing calendar of %s: %w", dataset, err)
		}
		return audit.Record(ctx, tx, audit.Event{Action: audit.ActionSetting, Object: "setting:filing_due:" + dataset,
			Detail: map[string]any{"old": map[string]int{"months_after": old.MonthsAfter, "day": old.Day}, "new": map[string]int{"months_after": monthsAfter, "day": day}}})
	})
	if err != nil {
		return Due{}, err
	}
	return s.due(ctx, s.db, dataset)
}
