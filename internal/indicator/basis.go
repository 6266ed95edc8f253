package indicator

import (
	"context"
	"fmt"
	"strings"

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

// valueCond is the condition on data_values v that a basis adds to frames.
func (b Basis) valueCond() string {
	if b == BasisApproved {
		return approval.ApprovedCondition("v")
	}
	return ""
}

// periodSource is the table whose period column lists the periods with data
// in the basis, for finding the latest: reported values, or approved or
// accepted submissions (a bureau reading approved data only should not land
// on a month still under review).
func (b Basis) periodSource() string {
	if b == BasisApproved {
		return `(SELECT period FROM approvals WHERE status IN ('` + string(approval.Approved) + `', '` + string(approval.Accepted) + `')) approved`
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
	args := []any{string(approval.Approved), string(approval.Accepted)}
	for _, id := range src {
		args = append(args, id)
	}
	var kept bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM approvals WHERE status IN (?, ?) AND period IN (`+
		strings.TrimSuffix(strings.Repeat("?,", len(src)), ",")+`))`, args...).Scan(&kept)
	if err != nil {
		return false, fmt.Errorf("checking for approved data in %s: %w", p, err)
	}
	return kept, nil
}
