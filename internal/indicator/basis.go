package indicator

import (
	"context"
	"fmt"

	"mfgplan/internal/apperr"
	"mfgplan/internal/approval"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Basis is the data basis (数据口径) analytics are kept and read in: every
// reported value, or only values whose enterprise × period submission is
// approved or accepted (DHIS2's approval-aware analytics, anchors.md §1.1).
type Basis string

const (
	BasisAll      Basis = "all"
	BasisApproved Basis = "approved"
)

// bases are the bases analytics keep.
var bases = []Basis{BasisAll, BasisApproved}

// Name is the basis as users read it.
func (b Basis) Name() string {
	if b == BasisApproved {
		return "仅已审核数据"
	}
	return "全部数据"
}

// BasisInfo says, in every response, which data the figures count.
type BasisInfo struct {
	Basis     Basis  `json:"basis"`
	BasisName string `json:"basis_name"`
}

func (b Basis) info() BasisInfo { return BasisInfo{Basis: b, BasisName: b.Name()} }

// ParseBasis reads a basis given by a user; "" is left for the service to
// default from the analytics.approved_only setting.
func ParseBasis(s string) (Basis, error) {
	switch b := Basis(s); b {
	case "", BasisAll, BasisApproved:
		return b, nil
	}
	return "", apperr.New(apperr.Invalid, "数据口径 basis 应为 all（全部数据）或 approved（仅已审核数据），而不是 %q", s)
}

// resolveBasis returns the basis asked for, or the one the
// analytics.approved_only setting names when none was asked for.
func (s *Service) resolveBasis(ctx context.Context, asked Basis) (Basis, error) {
	if b, err := ParseBasis(string(asked)); err != nil || b != "" {
		return b, err
	}
	on, err := approval.ApprovedOnly(ctx, s.DB)
	if err != nil {
		return "", err
	}
	if on {
		return BasisApproved, nil
	}
	return BasisAll, nil
}

// periodSource is the table whose period column lists the periods with data
// in the basis, for finding the latest: reported values, or approved or
// accepted submissions (a bureau reading approved data only should not land
// on a month still under review).
func (b Basis) periodSource() string {
	if b == BasisApproved {
		return `(SELECT period FROM approvals WHERE status IN ` + approval.ApprovedStatuses + `) approved`
	}
	return `data_values`
}

// sourcePeriods are the stored periods a frame of p reads, in the order
// they apply: a year reads December's 累计 and then its yearly report, a
// quarter its last month.
func sourcePeriods(p stats.Period) []string {
	switch p.Type {
	case stats.Yearly:
		return []string{fmt.Sprintf("%04d-12", p.Year), p.ID()}
	case stats.Quarterly:
		return []string{fmt.Sprintf("%04d-%02d", p.Year, p.Index*3)}
	}
	return []string{p.ID()}
}

// keptIn reports whether analytics keep basis b for period p. The approved
// basis is kept only for periods with an approved or accepted submission
// among those p reads: a period without any has no approved data, which
// reads as no data rather than as zeros, and costs nothing to keep.
func keptIn(ctx context.Context, q store.Querier, p stats.Period, b Basis) (bool, error) {
	if b == BasisAll {
		return true, nil
	}
	src := sourcePeriods(p)
	var kept bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM approvals WHERE status IN `+approval.ApprovedStatuses+` AND period IN (`+
		store.Placeholders(len(src))+`))`, toAny(src)...).Scan(&kept)
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
	copies  map[int64]*firm
	partial map[int64]bool // a value was left out: not approved for its source period
}

func newApprovedFrame(slots int) *approvedFrame {
	return &approvedFrame{slots: slots, copies: map[int64]*firm{}, partial: map[int64]bool{}}
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
func (a *approvedFrame) set(f *firm, slot int, v float64) {
	if a == nil {
		return
	}
	if !a.ok[f.ID] {
		a.partial[f.ID] = true
		return
	}
	c := a.copies[f.ID]
	if c == nil {
		cp := *f
		cp.vals, cp.has = make([]float64, a.slots), make([]bool, a.slots)
		c = &cp
		a.copies[f.ID] = c
	}
	c.vals[slot], c.has[slot] = v, true
}

// firms are the enterprises with approved values, in roster order: an
// enterprise without any is not counted at all (not even by its tags), so a
// unit without any reads as no data.
func (a *approvedFrame) firms(roster []*firm) []*firm {
	out := make([]*firm, 0, len(a.copies))
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

// unitLevels are one unit's formula results, in the order of the definitions.
type unitLevels struct {
	firms int
	res   []levelResult
}

// pass is one basis's evaluation of a period. The approved basis's pass
// carries the all basis's results (reuse) and the enterprises whose approved
// values are all their values (same): a unit made only of those has the same
// enterprises with the same values in both bases, so its results are reused
// instead of evaluated again (most units, in periods reviewers have finished).
// Only the 同比 comparison, against the basis's own last year, is redone.
type pass struct {
	basis Basis
	fr    *frame
	reuse map[unitKey]unitLevels
	same  map[int64]bool
}

// reused returns the all basis's results for unit k when its enterprises
// in this pass are exactly the all basis's, with the same values.
func (ps *pass) reused(k unitKey, firms []*firm) (unitLevels, bool) {
	lv, ok := ps.reuse[k]
	if !ok || ps.same == nil || lv.firms != len(firms) {
		return lv, false
	}
	for _, f := range firms {
		if !ps.same[f.ID] {
			return lv, false
		}
	}
	return lv, true
}
