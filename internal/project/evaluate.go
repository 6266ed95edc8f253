package project

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

const settingRuleSet = "light_rules"

// RuleSetChoice is the rule set in force and the ones to choose from.
type RuleSetChoice struct {
	Current  string    `json:"current"`
	Schedule Schedule  `json:"schedule"`
	RuleSets []RuleSet `json:"rule_sets"`
	Default  string    `json:"default"`
}

// activeSet returns the city's chosen rule set (the file's default until chosen).
func (s *Service) activeSet(ctx context.Context, q store.Querier) (*RuleSet, error) {
	id := s.rules.Lights.Default
	err := q.QueryRow(ctx, `SELECT value FROM project_settings WHERE key = ?`, settingRuleSet).Scan(&id)
	if err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("reading the light rule setting: %w", err)
	}
	rs, ok := s.rules.Lights.Set(id)
	if !ok {
		rs, _ = s.rules.Lights.Set(s.rules.Lights.Default)
	}
	return rs, nil
}

// RuleSets returns the rule set in force and the choices.
func (s *Service) RuleSets(ctx context.Context) (*RuleSetChoice, error) {
	rs, err := s.activeSet(ctx, s.db)
	if err != nil {
		return nil, err
	}
	l := s.rules.Lights
	return &RuleSetChoice{Current: rs.ID, Schedule: l.Schedule, RuleSets: l.RuleSets, Default: l.Default}, nil
}

// ChooseRuleSet sets the city's rule set (city and admin only); stored
// lights of the other set stay, and the chosen set is evaluated on demand.
func (s *Service) ChooseRuleSet(ctx context.Context, id string) (*RuleSetChoice, error) {
	p := access.From(ctx)
	if !p.Enter.All || p.Role == access.RoleLeader {
		return nil, apperr.New(apperr.Forbidden, "只有市级管理员可以选择红黄绿灯规则")
	}
	if _, ok := s.rules.Lights.Set(id); !ok {
		var ids []string
		for _, r := range s.rules.Lights.RuleSets {
			ids = append(ids, r.ID+"（"+r.Name+"）")
		}
		return nil, fieldError("rule_set", "规则", "「"+clip(id)+"」不是可选的规则，可选："+strings.Join(ids, "、"))
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO project_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			settingRuleSet, id, p.User, s.stamp()); err != nil {
			return fmt.Errorf("storing the light rule setting: %w", err)
		}
		return audit.Record(ctx, tx, audit.Event{Action: "project.light_rules", Object: "setting:" + settingRuleSet, Detail: map[string]string{"rule_set": id}})
	})
	if err != nil {
		return nil, err
	}
	return s.RuleSets(ctx)
}

// asOf is the date a month is judged on: its last day, or today while it lasts.
func (s *Service) asOf(m Month) time.Time {
	if last := m.LastDay(); last.Before(s.today()) {
		return last
	}
	return s.today()
}

// Run is one month's evaluation.
type Run struct {
	Period      string  `json:"period"`
	PeriodLabel string  `json:"period_label"`
	RuleSet     string  `json:"rule_set"`
	RuleSetName string  `json:"rule_set_name"`
	AsOf        string  `json:"as_of"`
	Projects    int     `json:"projects"`
	Seconds     float64 `json:"seconds,omitempty"`
}

// Evaluate judges every project for a month under the rule set in force
// and stores the snapshot, replacing an earlier one of the same month
// (city and admin; reads evaluate a month they need on their own).
func (s *Service) Evaluate(ctx context.Context, period string) (*Run, error) {
	if p := access.From(ctx); !p.Enter.All || p.Role == access.RoleLeader {
		return nil, apperr.New(apperr.Forbidden, "只有市级管理员可以发起全市项目亮灯评价（各页面会按需自动评价）")
	}
	m, why := s.checkPeriod(period)
	if why != "" {
		return nil, fieldError("period", "月份", why)
	}
	start := time.Now()
	var run *Run
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		rs, err := s.activeSet(ctx, tx)
		if err != nil {
			return err
		}
		run, err = s.evaluate(ctx, tx, rs, m)
		return err
	})
	if run != nil {
		run.Seconds = time.Since(start).Seconds()
	}
	return run, err
}

func (s *Service) evaluate(ctx context.Context, tx *store.Tx, rs *RuleSet, m Month) (*Run, error) {
	d := s.asOf(m)
	data, err := loadData(ctx, tx, dataScope{month: m})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(data))
	for id := range data {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	names := s.itemNames()
	rows := make([]lightRow, len(ids))
	for i, id := range ids {
		rows[i] = lightRow{id: id, light: rs.Judge(s.rules.Lights.Schedule, data[id].facts(m, d, names), m, d)}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM project_lights WHERE period = ? AND rule_set = ?`, m.String(), rs.ID); err != nil {
		return nil, fmt.Errorf("clearing the lights of %s: %w", m, err)
	}
	if err := insertLights(ctx, tx, m, rs.ID, rows); err != nil {
		return nil, err
	}
	run := &Run{Period: m.String(), PeriodLabel: m.Label(), RuleSet: rs.ID, RuleSetName: rs.Name, AsOf: d.Format(dateLayout), Projects: len(rows)}
	_, err = tx.Exec(ctx, `INSERT INTO project_light_runs (period, rule_set, as_of, evaluated_at, projects) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (period, rule_set) DO UPDATE SET as_of = excluded.as_of, evaluated_at = excluded.evaluated_at, projects = excluded.projects`,
		run.Period, run.RuleSet, run.AsOf, s.stamp(), run.Projects)
	if err != nil {
		return nil, fmt.Errorf("recording the evaluation of %s: %w", m, err)
	}
	return run, nil
}

func (s *Service) itemNames() map[string]string {
	out := map[string]string{}
	for _, it := range s.rules.Checklist.Items {
		out[it.Code] = it.Name
	}
	for _, l := range s.rules.Checklist.Counties {
		for _, it := range l.Add {
			out[it.Code] = it.Name
		}
	}
	return out
}

type lightRow struct {
	id    int64
	light Light
}

// insertLights writes rows in multi-row statements.
func insertLights(ctx context.Context, tx *store.Tx, m Month, set string, rows []lightRow) error {
	const per = 200
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(chunk)*10)
		for _, r := range chunk {
			l := r.light
			args = append(args, m.String(), set, r.id, l.Light, lightRank[l.Light], l.Reason, l.YTD, l.Planned, l.Completion, l.Overdue)
		}
		q := `INSERT INTO project_lights (period, rule_set, project_id, light, light_rank, reason, ytd, planned, completion, overdue) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?),", len(chunk)), ",")
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("storing the lights of %s: %w", m, err)
		}
	}
	return nil
}

// refreshLights re-judges one project in every stored month of the rule
// set in force, in the caller's transaction, so the library never shows a
// light older than the project's data.
func (s *Service) refreshLights(ctx context.Context, tx *store.Tx, id int64) error {
	rs, err := s.activeSet(ctx, tx)
	if err != nil {
		return err
	}
	runs, err := storedRuns(ctx, tx, rs.ID)
	if err != nil || len(runs) == 0 {
		return err
	}
	data, err := loadData(ctx, tx, dataScope{project: id})
	if err != nil {
		return err
	}
	names := s.itemNames()
	for _, r := range runs {
		l := rs.Judge(s.rules.Lights.Schedule, data[id].facts(r.month, r.asOf, names), r.month, r.asOf)
		if _, err := tx.Exec(ctx, `DELETE FROM project_lights WHERE period = ? AND rule_set = ? AND project_id = ?`, r.month.String(), rs.ID, id); err != nil {
			return fmt.Errorf("refreshing the lights of project %d: %w", id, err)
		}
		if err := insertLights(ctx, tx, r.month, rs.ID, []lightRow{{id, l}}); err != nil {
			return err
		}
	}
	return nil
}

type storedRun struct {
	month Month
	asOf  time.Time
}

func storedRuns(ctx context.Context, q store.Querier, set string) ([]storedRun, error) {
	var out []storedRun
	err := each(ctx, q, "evaluations", `SELECT period, as_of FROM project_light_runs WHERE rule_set = ? ORDER BY period`, []any{set}, func(r scanner) error {
		var period, asOf string
		if err := r.Scan(&period, &asOf); err != nil {
			return err
		}
		m, err := ParseMonth(period)
		if err != nil {
			return err
		}
		d, _ := parseDate(asOf)
		out = append(out, storedRun{m, d})
		return nil
	})
	return out, err
}

// reevaluateFrom re-judges every project in the stored months of m's year
// from m on (what a bulk change of m's figures or plans can affect).
func (s *Service) reevaluateFrom(ctx context.Context, tx *store.Tx, m Month) error {
	rs, err := s.activeSet(ctx, tx)
	if err != nil {
		return err
	}
	runs, err := storedRuns(ctx, tx, rs.ID)
	if err != nil {
		return err
	}
	for _, r := range runs {
		if r.month.Year == m.Year && r.month.Month >= m.Month {
			if _, err := s.evaluate(ctx, tx, rs, r.month); err != nil {
				return err
			}
		}
	}
	return nil
}

// ensureRun makes sure the month is evaluated under the rule set in force
// and as of its current date (a month still running is judged again the
// next day, as deadlines pass), and returns the rule set.
func (s *Service) ensureRun(ctx context.Context, m Month) (*RuleSet, error) {
	rs, err := s.activeSet(ctx, s.db)
	if err != nil {
		return nil, err
	}
	var asOf string
	err = s.db.QueryRow(ctx, `SELECT as_of FROM project_light_runs WHERE period = ? AND rule_set = ?`, m.String(), rs.ID).Scan(&asOf)
	if err == nil && asOf == s.asOf(m).Format(dateLayout) {
		return rs, nil
	}
	if err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("reading the evaluation of %s: %w", m, err)
	}
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		_, err := s.evaluate(ctx, tx, rs, m)
		return err
	})
	return rs, conflictFree(err)
}

// conflictFree turns a lost race with another evaluation of the same month
// into success: the other one stored the same lights.
func conflictFree(err error) error {
	if err != nil && store.IsConflict(err) {
		return nil
	}
	return err
}
