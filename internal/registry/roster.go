package registry

import (
	"context"
	"fmt"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
)

// Member is an enterprise as the filing calendar and 报送进度 see it: who
// it is, where, whom to call, and in which years it was 规上 (the firms a
// monthly report is expected from).
type Member struct {
	ID           int64  `json:"enterprise_id"`
	USCC         string `json:"uscc"`
	Name         string `json:"enterprise_name"`
	County       string `json:"county_code"`
	CountyName   string `json:"county_name"`
	Park         string `json:"park_code,omitempty"`
	ParkName     string `json:"park_name,omitempty"`
	ContactName  string `json:"contact_name"`
	ContactPhone string `json:"contact_phone"`
	// AboveScale holds the years (of those asked for) the firm was 规上.
	AboveScale map[int]bool `json:"-"`
}

// RosterFilter narrows the roster to a county or park ("" for any).
type RosterFilter struct {
	County, Park string
	Years        []int
}

// Roster lists every enterprise the caller may view, by id, with its 规上
// status in the given years. Unlike List it is not paged: the callers count
// over all of a scope's firms (a county has hundreds, a province tens of
// thousands, a few megabytes).
func (s *Service) Roster(ctx context.Context, f RosterFilter) ([]Member, error) {
	where, args := access.From(ctx).View.EnterpriseFilter("e")
	for col, v := range map[string]string{"county_code": f.County, "park_code": f.Park} {
		if v != "" {
			where += ` AND e.` + col + ` = ?`
			args = append(args, v)
		}
	}
	rows, err := s.db.Query(ctx, `SELECT e.id, e.uscc, e.name, e.county_code, o.name, COALESCE(e.park_code, ''), COALESCE(k.name, ''),
		e.contact_name, e.contact_phone FROM enterprises e JOIN org_units o ON o.code = e.county_code LEFT JOIN parks k ON k.code = e.park_code
		WHERE `+where+` ORDER BY e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("listing the roster: %w", err)
	}
	defer rows.Close()
	var out []Member
	byID := map[int64]*Member{}
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.USCC, &m.Name, &m.County, &m.CountyName, &m.Park, &m.ParkName, &m.ContactName, &m.ContactPhone); err != nil {
			return nil, fmt.Errorf("listing the roster: %w", err)
		}
		m.AboveScale = map[int]bool{}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing the roster: %w", err)
	}
	for i := range out {
		byID[out[i].ID] = &out[i]
	}
	return out, s.aboveScaleYears(ctx, s.db, f.Years, byID)
}

// aboveScaleYears marks the members' 规上 years among years.
func (s *Service) aboveScaleYears(ctx context.Context, q store.Querier, years []int, byID map[int64]*Member) error {
	if len(years) == 0 || len(byID) == 0 {
		return nil
	}
	args := []any{true}
	for _, y := range years {
		args = append(args, y)
	}
	rows, err := q.Query(ctx, `SELECT enterprise_id, year FROM enterprise_years WHERE above_scale = ? AND year IN (`+store.Placeholders(len(years))+`)`, args...)
	if err != nil {
		return fmt.Errorf("reading 规上 years: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var y int
		if err := rows.Scan(&id, &y); err != nil {
			return fmt.Errorf("reading 规上 years: %w", err)
		}
		if m := byID[id]; m != nil {
			m.AboveScale[y] = true
		}
	}
	return rows.Err()
}
