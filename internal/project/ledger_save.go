package project

import (
	"context"
	"fmt"

	"mfgplan/internal/collect"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Finish checks each 累计 against the months already stored around it
// and, when nothing blocks and it is not a dry run, writes the rows and one
// history line per project (collect records the import in the audit log)
// and re-judges the lights of the months the file can change.
func (li *ledgerImport) Finish(ctx context.Context, tx *store.Tx, c *collect.Cells, dry bool) (stats.SaveResult, error) {
	var res stats.SaveResult
	ids := make([]int64, len(li.recs))
	for i, r := range li.recs {
		ids[i] = r.id
	}
	ns, err := chunked(ids, func(part []int64) (map[int64]neighbours, error) { return loadNeighbours(ctx, tx, part, li.month) })
	if err != nil {
		return res, err
	}
	for _, r := range li.recs {
		if r.ytd == nil {
			continue
		}
		if msg := checkMonthValue(li.month, *r.ytd, ns[r.id]); msg != "" {
			c.Error(r.row, li.cols["ytd"], "本年累计完成投资（万元）", msg)
		}
	}
	if c.Blocking() {
		return res, nil
	}
	if res, err = li.count(ctx, tx, ids); err != nil || dry {
		return res, err
	}
	return res, li.save(ctx, tx)
}

// chunked runs load over ids in parts small enough for one IN list and
// merges the answers.
func chunked[V any](ids []int64, load func([]int64) (map[int64]V, error)) (map[int64]V, error) {
	out := map[int64]V{}
	for start := 0; start < len(ids); start += 500 {
		part, err := load(ids[start:min(start+500, len(ids))])
		if err != nil {
			return nil, err
		}
		for k, v := range part {
			out[k] = v
		}
	}
	return out, nil
}

type storedMonth struct {
	ytd      float64
	progress string
}

// count says how many figures the file inserts, updates or leaves as they are.
func (li *ledgerImport) count(ctx context.Context, tx *store.Tx, ids []int64) (stats.SaveResult, error) {
	var res stats.SaveResult
	months, err := chunked(ids, func(part []int64) (map[int64]storedMonth, error) {
		out := map[int64]storedMonth{}
		err := each(ctx, tx, "stored months", `SELECT project_id, ytd, progress FROM project_investments WHERE period = ? AND project_id IN (`+placeholders(len(part))+`)`,
			append([]any{li.month.String()}, int64Args(part)...), func(r scanner) error {
				var id int64
				var m storedMonth
				err := r.Scan(&id, &m.ytd, &m.progress)
				out[id] = m
				return err
			})
		return out, err
	})
	if err != nil {
		return res, err
	}
	plans, err := chunked(ids, func(part []int64) (map[int64]float64, error) {
		out := map[int64]float64{}
		err := each(ctx, tx, "stored plans", `SELECT project_id, planned FROM project_year_plans WHERE year = ? AND project_id IN (`+placeholders(len(part))+`)`,
			append([]any{li.month.Year}, int64Args(part)...), func(r scanner) error {
				var id int64
				var v float64
				err := r.Scan(&id, &v)
				out[id] = v
				return err
			})
		return out, err
	})
	for _, r := range li.recs {
		if r.ytd != nil {
			m, ok := months[r.id]
			tally(&res, ok, ok && m.ytd == *r.ytd && m.progress == r.progress)
		}
		if r.planned != nil {
			v, ok := plans[r.id]
			tally(&res, ok, ok && v == *r.planned)
		}
	}
	return res, err
}

func tally(res *stats.SaveResult, existed, same bool) {
	switch {
	case same:
		res.Unchanged++
	case existed:
		res.Updated++
	default:
		res.Inserted++
	}
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// save writes the rows, the projects' history and the audit entry.
func (li *ledgerImport) save(ctx context.Context, tx *store.Tx) error {
	s, stamp, source := li.s, li.s.stamp(), li.cells.Source()
	from := li.month
	for _, r := range li.recs {
		summary := "导入项目台账（" + li.month.Label() + "）"
		if r.planned != nil {
			if err := s.saveYearPlan(ctx, tx, r.id, li.month.Year, *r.planned, source); err != nil {
				return err
			}
			summary += fmt.Sprintf("：年度计划投资 %s 万元", money(*r.planned))
			from = Month{li.month.Year, 1} // a year's plan judges every month of it
		}
		if r.ytd != nil {
			if err := s.saveMonth(ctx, tx, r.id, li.month, *r.ytd, r.progress, source); err != nil {
				return err
			}
			summary += fmt.Sprintf("，累计完成投资 %s 万元", money(*r.ytd))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO project_events (project_id, kind, summary, detail, actor, recorded_at) VALUES (?, 'import', ?, '{}', ?, ?)`,
			r.id, summary, li.user, stamp); err != nil {
			return fmt.Errorf("recording the import in the history of project %d: %w", r.id, err)
		}
	}
	return s.reevaluateFrom(ctx, tx, from)
}
