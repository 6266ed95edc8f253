package approval

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
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
	// Statuses keeps submissions in any of them ("" is not yet submitted);
	// empty keeps all.
	Statuses []Status
	County   string // county code, "" any
	Park     string // park code, "" any
	Limit    int
	Offset   int
}

// ParseStatuses reads a comma-separated list of statuses as the API and
// CLI take it ("none" for not yet submitted).
func ParseStatuses(raw string) ([]Status, error) {
	var out []Status
	for _, part := range strings.Split(raw, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		st := Status(part)
		if part == "none" {
			st = ""
		}
		if _, ok := StatusNames[st]; !ok {
			return nil, apperr.New(apperr.Invalid, "状态 %q 无效，可选：none, submitted, approved, accepted, returned, unlocked", part)
		}
		out = append(out, st)
	}
	return out, nil
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
	if len(f.Statuses) > 0 {
		from += ` AND COALESCE(a.status, '') IN (` + store.Placeholders(len(f.Statuses)) + `)`
		for _, st := range f.Statuses {
			args = append(args, string(st))
		}
	}
	for col, v := range map[string]string{"county_code": f.County, "park_code": f.Park} {
		if v != "" {
			from += ` AND e.` + col + ` = ?`
			args = append(args, v)
		}
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

// Statuses returns the stored state of every submission of dataset in the
// periods, by period and enterprise (a submission without a row is not
// there: not yet submitted). It does not filter by scope: callers that
// combine it with the registry's scoped list of enterprises (the filing
// calendar, 报送进度) keep only the enterprises the caller may see.
func Statuses(ctx context.Context, q store.Querier, dataset string, periods []string) (map[string]map[int64]State, error) {
	out := make(map[string]map[int64]State, len(periods))
	if len(periods) == 0 {
		return out, nil
	}
	args := []any{dataset}
	for _, p := range periods {
		args = append(args, p)
		out[p] = map[int64]State{}
	}
	rows, err := q.Query(ctx, `SELECT enterprise_id, period, status, reason, updated_by, updated_at FROM approvals
		WHERE dataset = ? AND period IN (`+store.Placeholders(len(periods))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the submissions of %s: %w", dataset, err)
	}
	defer rows.Close()
	for rows.Next() {
		st := State{Key: Key{Dataset: dataset}}
		if err := rows.Scan(&st.EnterpriseID, &st.Period, &st.Status, &st.Reason, &st.UpdatedBy, &st.UpdatedAt); err != nil {
			return nil, fmt.Errorf("reading the submissions of %s: %w", dataset, err)
		}
		st.StatusName = StatusNames[st.Status]
		out[st.Period][st.EnterpriseID] = st
	}
	return out, rows.Err()
}
