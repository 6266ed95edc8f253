package indicator

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// firm is one enterprise as a formula sees it in a period: where it is,
// whether it is 规上 that year, its dated tags and its values.
type firm struct {
	ID         int64
	Name       string
	County     string
	Park       string
	Cluster    string
	SubSector  string
	Industry   string
	AboveScale bool
	Tags       []tagRec
	Values     map[string]float64
}

type tagRec struct {
	Tag, Level, From, To string
}

// frame is every enterprise with its values for one period. Monthly periods
// carry the 1–N月累计 values as reported; a year carries the yearly report,
// or December's 累计 where no yearly figure was reported.
type frame struct {
	Period stats.Period
	AsOf   string // the period's last day, YYYY-MM-DD
	Firms  []*firm
}

// periodEnd is the last day of a period (as-of date for tags).
func periodEnd(p stats.Period) string {
	month := 12
	switch p.Type {
	case stats.Monthly:
		month = p.Index
	case stats.Quarterly:
		month = p.Index * 3
	}
	end := time.Date(p.Year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
	return end.Format("2006-01-02")
}

// unitFilter narrows a frame to some enterprises: an SQL condition on
// enterprises aliased e, with its arguments. The zero value keeps all.
type unitFilter struct {
	cond string
	args []any
}

func (u unitFilter) where() (string, []any) {
	if u.cond == "" {
		return "1=1", nil
	}
	return u.cond, u.args
}

// loadFrame reads the enterprises (narrowed by uf), their 规上 status for
// the year, tags and the values of the named elements for period p.
func loadFrame(ctx context.Context, q store.Querier, p stats.Period, uf unitFilter, elements []string) (*frame, error) {
	fr := &frame{Period: p, AsOf: periodEnd(p)}
	cond, args := uf.where()
	byID, err := loadFirms(ctx, q, p.Year, cond, args, fr)
	if err != nil {
		return nil, fmt.Errorf("loading enterprises for %s: %w", p, err)
	}
	if err := loadTags(ctx, q, fr.AsOf, cond, args, byID); err != nil {
		return nil, fmt.Errorf("loading tags as of %s: %w", fr.AsOf, err)
	}
	if err := loadValues(ctx, q, p, elements, cond, args, byID); err != nil {
		return nil, fmt.Errorf("loading values of %s: %w", p, err)
	}
	return fr, nil
}

func loadFirms(ctx context.Context, q store.Querier, year int, cond string, args []any, fr *frame) (map[int64]*firm, error) {
	rows, err := q.Query(ctx, `SELECT e.id, e.name, e.county_code, COALESCE(e.park_code, ''), COALESCE(e.cluster_code, ''),
		COALESCE(e.sub_sector_code, ''), e.industry_code, COALESCE(y.above_scale, FALSE)
		FROM enterprises e LEFT JOIN enterprise_years y ON y.enterprise_id = e.id AND y.year = ?
		WHERE `+cond+` ORDER BY e.id`, append([]any{year}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]*firm{}
	for rows.Next() {
		f := &firm{Values: map[string]float64{}}
		if err := rows.Scan(&f.ID, &f.Name, &f.County, &f.Park, &f.Cluster, &f.SubSector, &f.Industry, &f.AboveScale); err != nil {
			return nil, err
		}
		fr.Firms = append(fr.Firms, f)
		byID[f.ID] = f
	}
	return byID, rows.Err()
}

func loadTags(ctx context.Context, q store.Querier, asOf, cond string, args []any, byID map[int64]*firm) error {
	rows, err := q.Query(ctx, `SELECT t.enterprise_id, t.tag, t.level, t.valid_from, COALESCE(t.valid_to, '')
		FROM enterprise_tags t JOIN enterprises e ON e.id = t.enterprise_id
		WHERE t.valid_from <= ? AND `+cond, append([]any{asOf}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t tagRec
		if err := rows.Scan(&id, &t.Tag, &t.Level, &t.From, &t.To); err != nil {
			return err
		}
		if f := byID[id]; f != nil {
			f.Tags = append(f.Tags, t)
		}
	}
	return rows.Err()
}

// loadValues reads the period's values. For a year, December's 累计 is read
// first and the yearly report, where there is one, overrides it.
func loadValues(ctx context.Context, q store.Querier, p stats.Period, elements []string, cond string, args []any, byID map[int64]*firm) error {
	if len(elements) == 0 {
		return nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(elements)), ",")
	periods := []string{p.ID()}
	switch p.Type {
	case stats.Yearly:
		periods = []string{fmt.Sprintf("%04d-12", p.Year), p.ID()}
	case stats.Quarterly:
		periods = []string{fmt.Sprintf("%04d-%02d", p.Year, p.Index*3)}
	}
	for _, per := range periods {
		// The (element_code, period) index drives the scan; a join on
		// enterprises would let the planner walk every enterprise's values.
		query := `SELECT v.enterprise_id, v.element_code, v.value FROM data_values v WHERE v.period = ? AND v.element_code IN (` + marks + `)`
		if cond != "1=1" {
			query += ` AND v.enterprise_id IN (SELECT e.id FROM enterprises e WHERE ` + cond + `)`
		}
		rows, err := q.Query(ctx, query, append(append([]any{per}, toAny(elements)...), args...)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var el string
			var v float64
			if err := rows.Scan(&id, &el, &v); err != nil {
				rows.Close()
				return err
			}
			if f := byID[id]; f != nil {
				f.Values[el] = v
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
