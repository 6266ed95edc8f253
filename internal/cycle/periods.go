package cycle

import (
	"context"

	"mfgplan/internal/apperr"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
)

// PeriodStatus is one period of the filing calendar for the caller's firms.
type PeriodStatus struct {
	Period  string `json:"period"`
	Label   string `json:"label"`
	DueDate string `json:"due_date"`
	Overdue bool   `json:"overdue"`
	// Open: some firm expected to file has not submitted yet.
	Open bool `json:"open"`
	Counts
	// State is the firm's state when the caller files for one firm.
	State     State  `json:"state,omitempty"`
	StateName string `json:"state_name,omitempty"`
}

// FilingCalendar is a dataset's recent periods for the caller's firms and
// the period the filing page opens on.
type FilingCalendar struct {
	Due     Due            `json:"due"`
	Periods []PeriodStatus `json:"periods"`
	// Opens is the earliest open period, else the newest: the filer's next
	// report, not the current unfinished month.
	Opens string `json:"opens"`
}

// Calendar lists the last Window ended periods of dataset (within the
// plan's years, oldest first) with the counts and, for a single firm, its
// state; the caller's view scope decides whose reports count.
func (s *Service) FilingCalendar(ctx context.Context, dataset string) (FilingCalendar, error) {
	due, err := s.due(ctx, s.db, dataset)
	if err != nil {
		return FilingCalendar{}, err
	}
	ds := s.cat.Dataset(dataset)
	periods := s.window(ds.PeriodType, due.Window)
	if len(periods) == 0 {
		return FilingCalendar{}, apperr.New(apperr.Invalid, "规划期（%d–%d 年）内还没有已结束的报告期", s.first, s.last)
	}
	snap, err := s.take(ctx, ds, periods, registry.RosterFilter{})
	if err != nil {
		return FilingCalendar{}, err
	}
	cal := FilingCalendar{Due: due, Periods: make([]PeriodStatus, 0, len(periods))}
	for _, p := range periods {
		ps := PeriodStatus{Period: p.ID(), Label: p.Label()}
		ps.DueDate, ps.Overdue = s.dueText(due, p)
		for _, m := range snap.members {
			if snap.expected(m, p) {
				st, _ := snap.state(m, p)
				ps.add(st, snap.filed[p.ID()][m.ID])
				if len(snap.members) == 1 {
					ps.State, ps.StateName = st, StateNames[st]
				}
			}
		}
		ps.Open = ps.Pending > 0
		ps.Overdue = ps.Overdue && ps.Open
		if ps.Open && cal.Opens == "" {
			cal.Opens = ps.Period
		}
		cal.Periods = append(cal.Periods, ps)
	}
	if cal.Opens == "" {
		cal.Opens = periods[len(periods)-1].ID()
	}
	return cal, nil
}

// window is the last n periods of type t that have ended by now (Beijing
// time), inside the plan's years, oldest first.
func (s *Service) window(t stats.PeriodType, n int) []stats.Period {
	now := s.now().In(China)
	last := stats.Period{Type: stats.Yearly, Year: now.Year() - 1}
	if t == stats.Monthly {
		prev := now.AddDate(0, 0, -now.Day()+1).AddDate(0, -1, 0) // the first of last month
		last = stats.Period{Type: stats.Monthly, Year: prev.Year(), Index: int(prev.Month())}
	}
	if last.Year > s.last {
		last = stats.Period{Type: t, Year: s.last}
		if t == stats.Monthly {
			last.Index = 12
		}
	}
	var out []stats.Period
	for p := last; len(out) < n && p.Year >= s.first; p = p.Prev() {
		out = append(out, p)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
