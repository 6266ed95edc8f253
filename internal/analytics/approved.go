package analytics

import (
	"context"
	"fmt"

	"mfgplan/internal/approval"
	"mfgplan/internal/indicator"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// KeptIn reports whether analytics keep basis b for period p. The approved
// basis is kept only for periods with an approved or accepted submission
// among those p reads: a period without any has no approved data, which
// reads as no data rather than as zeros, and costs nothing to keep.
func KeptIn(ctx context.Context, q store.Querier, p stats.Period, b indicator.Basis) (bool, error) {
	if b == indicator.BasisAll {
		return true, nil
	}
	src := indicator.SourcePeriods(p)
	var kept bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM approvals WHERE status IN `+approval.ApprovedStatuses+` AND period IN (`+
		store.Placeholders(len(src))+`))`, store.Args(src)...).Scan(&kept)
	if err != nil {
		return false, fmt.Errorf("checking for approved data in %s: %w", p, err)
	}
	return kept, nil
}

// approvedFrame gathers the approved basis's frame while a period's values
// are read once for both bases: per source period, the enterprises whose
// submission is approved, and copies of those enterprises holding only
// their approved values. A nil *approvedFrame gathers nothing.
type approvedFrame struct {
	slots   int
	ok      map[int64]bool // approved for the source period being read
	copies  map[int64]*indicator.Firm
	partial map[int64]bool // a value was left out: not approved for its source period
}

func newApprovedFrame(slots int) *approvedFrame {
	return &approvedFrame{slots: slots, copies: map[int64]*indicator.Firm{}, partial: map[int64]bool{}}
}

// source starts reading the values of a source period.
func (a *approvedFrame) source(ctx context.Context, q store.Querier, period string) error {
	if a == nil {
		return nil
	}
	ok, err := approval.ApprovedEnterprises(ctx, q, period)
	a.ok = ok
	return err
}

// set keeps f's value in slot when f's submission for the source period is approved.
func (a *approvedFrame) set(f *indicator.Firm, slot int, v float64) {
	if a == nil {
		return
	}
	if !a.ok[f.ID] {
		a.partial[f.ID] = true
		return
	}
	c := a.copies[f.ID]
	if c == nil {
		c = f.Blank(a.slots)
		a.copies[f.ID] = c
	}
	c.Set(slot, v)
}

// firms are the enterprises with approved values, in roster order: an
// enterprise without any is not counted at all (not even by its tags), so a
// unit without any reads as no data.
func (a *approvedFrame) firms(roster []*indicator.Firm) []*indicator.Firm {
	out := make([]*indicator.Firm, 0, len(a.copies))
	for _, f := range roster {
		if c := a.copies[f.ID]; c != nil {
			out = append(out, c)
		}
	}
	return out
}

// same lists the enterprises whose approved values are all their values.
func (a *approvedFrame) same() map[int64]bool {
	out := make(map[int64]bool, len(a.copies))
	for id := range a.copies {
		out[id] = !a.partial[id]
	}
	return out
}

// pass is one basis's evaluation of a period. The approved basis's pass
// carries the all basis's results (reuse) and the enterprises whose approved
// values are all their values (same): a unit made only of those has the same
// enterprises with the same values in both bases, so its results are reused
// instead of evaluated again (most units, in periods reviewers have finished).
// Only the 同比 comparison, against the basis's own last year, is redone.
type pass struct {
	basis indicator.Basis
	fr    *indicator.Frame
	reuse map[indicator.UnitKey]indicator.UnitLevels
	same  map[int64]bool
}

// reused returns the all basis's results for unit k when its enterprises
// in this pass are exactly the all basis's, with the same values.
func (ps *pass) reused(k indicator.UnitKey, firms []*indicator.Firm) (indicator.UnitLevels, bool) {
	lv, ok := ps.reuse[k]
	if !ok || ps.same == nil || lv.Firms != len(firms) {
		return lv, false
	}
	for _, f := range firms {
		if !ps.same[f.ID] {
			return lv, false
		}
	}
	return lv, true
}
