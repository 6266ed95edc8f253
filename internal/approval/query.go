package approval

import (
	"context"
	"database/sql"
	"fmt"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
)

// Get returns the state of one submission the caller may view.
func (s *Service) Get(ctx context.Context, k Key) (State, error) {
	if err := s.check(k); err != nil {
		return State{}, err
	}
	if _, _, err := place(ctx, s.DB, k.EnterpriseID); err != nil {
		return State{}, err
	}
	return get(ctx, s.DB, k)
}

// stateFrom joins enterprises with their approval row for one dataset and
// period (two ? parameters); stateColumns are read by scanState.
const (
	stateFrom    = ` FROM enterprises e LEFT JOIN approvals a ON a.enterprise_id = e.id AND a.dataset = ? AND a.period = ?`
	stateColumns = `SELECT e.id, e.name, a.status, a.reason, a.updated_by, a.updated_at`
)

func scanState(sc interface{ Scan(...any) error }, dataset, period string) (State, error) {
	st := State{Key: Key{Dataset: dataset, Period: period}}
	var status, reason, by, at sql.NullString
	if err := sc.Scan(&st.EnterpriseID, &st.EnterpriseName, &status, &reason, &by, &at); err != nil {
		return st, err
	}
	st.Status, st.Reason, st.UpdatedBy, st.UpdatedAt = Status(status.String), reason.String, by.String, at.String
	st.StatusName = StatusNames[st.Status]
	return st, nil
}

func get(ctx context.Context, q store.Querier, k Key) (State, error) {
	st, err := scanState(q.QueryRow(ctx, stateColumns+stateFrom+` WHERE e.id = ?`, k.Dataset, k.Period, k.EnterpriseID), k.Dataset, k.Period)
	if err != nil {
		return st, fmt.Errorf("reading approval state of %s: %w", k, err)
	}
	return st, nil
}

// Filter selects submissions of one dataset and period.
type Filter struct {
	Dataset string
	Period  string
	Status  *Status // nil: any; pointer to "": not yet submitted
	Limit   int
	Offset  int
}

// Page is one page of states and the number matching.
type Page struct {
	Items []State `json:"items"`
	Total int     `json:"total"`
}

// List returns, for every enterprise in the caller's view scope, the state
// of its dataset for the period (including enterprises that have not
// submitted), so that a reviewer sees who is missing.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	page := Page{Items: []State{}}
	if err := s.check(Key{Dataset: f.Dataset, Period: f.Period}); err != nil {
		return page, err
	}
	scope, args := access.From(ctx).View.EnterpriseFilter("e")
	from := stateFrom + ` WHERE ` + scope
	args = append([]any{f.Dataset, f.Period}, args...)
	if f.Status != nil {
		from += ` AND COALESCE(a.status, '') = ?`
		args = append(args, string(*f.Status))
	}
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("counting submissions: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	rows, err := s.DB.Query(ctx, stateColumns+from+` ORDER BY e.id LIMIT ? OFFSET ?`,
		append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("listing submissions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		st, err := scanState(rows, f.Dataset, f.Period)
		if err != nil {
			return page, fmt.Errorf("listing submissions: %w", err)
		}
		page.Items = append(page.Items, st)
	}
	return page, rows.Err()
}
