package project

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"mfgplan/internal/store"
)

// projectData is what lights are judged from for one project: its planned
// start, dated stages, yearly plans, monthly 累计 and checklist, loaded
// once and judged for as many months as needed.
type projectData struct {
	plannedStart string
	stages       []stageAt // in the order recorded
	plans        map[int]float64
	months       []stored // ascending
	approvals    []approvalRow
}

type stageAt struct {
	to Stage
	on string
}

type approvalRow struct {
	item, status, deadline, doneOn string
	required                       bool
}

// stageOn is the stage on date d ("" before registration).
func (pd *projectData) stageOn(d string) Stage {
	var st Stage
	for _, s := range pd.stages {
		if s.on <= d {
			st = s.to
		}
	}
	return st
}

// facts are the project's facts for month m as of d.
func (pd *projectData) facts(m Month, d time.Time, names map[string]string) Facts {
	f := Facts{Stage: pd.stageOn(d.Format(dateLayout)), PlannedStart: pd.plannedStart}
	if v, ok := pd.plans[m.Year]; ok {
		f.Planned = &v
	}
	for _, s := range pd.months {
		if s.month.Year == m.Year && s.month.Month <= m.Month {
			v := s.ytd
			f.YTD, f.YTDMonth = &v, s.month.Month
		}
	}
	for _, a := range pd.approvals {
		due := dueOn(a.deadline, pd.plannedStart)
		if a.required && a.status != ApprovalNotNeeded && due != "" {
			f.Due++
		}
		if days := overdueDays(a.required, a.status, due, a.doneOn, d); days > 0 {
			f.Overdue = append(f.Overdue, Overdue{Item: a.item, Name: names[a.item], Deadline: due, Days: days})
		}
	}
	return f
}

// dataScope says what loadData reads: one project (everything of it) or
// every project for one month (its year's plans and months only).
type dataScope struct {
	project int64 // 0: every project
	month   Month
}

func (ds dataScope) where(col string, args []any) (string, []any) {
	if ds.project == 0 {
		return "", args
	}
	return " AND " + col + " = ?", append(args, ds.project)
}

// loadData reads the projects' data in five queries.
func loadData(ctx context.Context, q store.Querier, ds dataScope) (map[int64]*projectData, error) {
	out := map[int64]*projectData{}
	cond, args := ds.where("id", nil)
	rows, err := q.Query(ctx, `SELECT id, planned_start FROM projects WHERE 1=1`+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("reading projects for the lights: %w", err)
	}
	for rows.Next() {
		var id int64
		pd := &projectData{plans: map[int]float64{}}
		if err := rows.Scan(&id, &pd.plannedStart); err != nil {
			rows.Close()
			return nil, err
		}
		out[id] = pd
	}
	rows.Close()
	for _, load := range []func(context.Context, store.Querier, dataScope, map[int64]*projectData) error{loadStages, loadPlans, loadMonths, loadApprovalRows} {
		if err := load(ctx, q, ds, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// each runs scan over the rows of a query, for the loaders.
func each(ctx context.Context, q store.Querier, what, query string, args []any, scan func(scanner) error) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("reading %s for the lights: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("reading %s for the lights: %w", what, err)
		}
	}
	return rows.Err()
}

func loadStages(ctx context.Context, q store.Querier, ds dataScope, out map[int64]*projectData) error {
	cond, args := ds.where("project_id", nil)
	return each(ctx, q, "stages", `SELECT project_id, to_stage, on_date FROM project_stages WHERE 1=1`+cond+` ORDER BY id`, args, func(r scanner) error {
		var id int64
		var s stageAt
		if err := r.Scan(&id, &s.to, &s.on); err != nil {
			return err
		}
		if pd := out[id]; pd != nil {
			pd.stages = append(pd.stages, s)
		}
		return nil
	})
}

func loadPlans(ctx context.Context, q store.Querier, ds dataScope, out map[int64]*projectData) error {
	query, args := `SELECT project_id, year, planned FROM project_year_plans WHERE 1=1`, []any{}
	if ds.project == 0 {
		query, args = query+` AND year = ?`, append(args, ds.month.Year)
	}
	cond, args := ds.where("project_id", args)
	return each(ctx, q, "plans", query+cond, args, func(r scanner) error {
		var id int64
		var year int
		var v float64
		if err := r.Scan(&id, &year, &v); err != nil {
			return err
		}
		if pd := out[id]; pd != nil {
			pd.plans[year] = v
		}
		return nil
	})
}

func loadMonths(ctx context.Context, q store.Querier, ds dataScope, out map[int64]*projectData) error {
	query, args := `SELECT project_id, period, ytd FROM project_investments WHERE 1=1`, []any{}
	if ds.project == 0 {
		query, args = query+` AND period >= ? AND period <= ?`, append(args, strconv.Itoa(ds.month.Year)+"-01", ds.month.String())
	}
	cond, args := ds.where("project_id", args)
	err := each(ctx, q, "investment", query+cond, args, func(r scanner) error {
		var id int64
		var period string
		var v float64
		if err := r.Scan(&id, &period, &v); err != nil {
			return err
		}
		m, err := ParseMonth(period)
		if err != nil {
			return err
		}
		if pd := out[id]; pd != nil {
			pd.months = append(pd.months, stored{m, v})
		}
		return nil
	})
	for _, pd := range out {
		sort.Slice(pd.months, func(i, j int) bool { return pd.months[i].month.index() < pd.months[j].month.index() })
	}
	return err
}

func loadApprovalRows(ctx context.Context, q store.Querier, ds dataScope, out map[int64]*projectData) error {
	cond, args := ds.where("project_id", nil)
	return each(ctx, q, "checklist items", `SELECT project_id, item, required, status, deadline, done_on FROM project_approvals WHERE 1=1`+cond, args, func(r scanner) error {
		var id int64
		var a approvalRow
		if err := r.Scan(&id, &a.item, &a.required, &a.status, &a.deadline, &a.doneOn); err != nil {
			return err
		}
		if pd := out[id]; pd != nil {
			pd.approvals = append(pd.approvals, a)
		}
		return nil
	})
}
