package indicator

import (
	"fmt"

	"mfgplan/internal/apperr"
	"mfgplan/internal/stats"
)

// Basis is the data basis (数据口径) analytics are kept and read in: every
// reported value, or only values whose enterprise × period submission is
// approved or accepted (DHIS2's approval-aware analytics, anchors.md §1.1).
type Basis string

const (
	BasisAll      Basis = "all"
	BasisApproved Basis = "approved"
)

// Bases are the bases analytics keep.
var Bases = []Basis{BasisAll, BasisApproved}

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

// Info is the basis as a response states it.
func (b Basis) Info() BasisInfo { return BasisInfo{Basis: b, BasisName: b.Name()} }

// ParseBasis reads a basis given by a user; "" is left for the service to
// default from the analytics.approved_only setting.
func ParseBasis(s string) (Basis, error) {
	switch b := Basis(s); b {
	case "", BasisAll, BasisApproved:
		return b, nil
	}
	return "", apperr.New(apperr.Invalid, "数据口径 basis 应为 all（全部数据）或 approved（仅已审核数据），而不是 %q", s)
}

// SourcePeriods are the stored periods a frame of p reads, in the order
// they apply: a year reads December's 累计 and then its yearly report, a
// quarter its last month.
func SourcePeriods(p stats.Period) []string {
	switch p.Type {
	case stats.Yearly:
		return []string{fmt.Sprintf("%04d-12", p.Year), p.ID()}
	case stats.Quarterly:
		return []string{fmt.Sprintf("%04d-%02d", p.Year, p.Index*3)}
	}
	return []string{p.ID()}
}
