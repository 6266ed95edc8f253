package query

import (
	"context"

	"mfgplan/internal/approval"
	"mfgplan/internal/indicator"
)

// resolveBasis returns the basis asked for, or the one the
// analytics.approved_only setting names when none was asked for.
func (s *Service) resolveBasis(ctx context.Context, asked indicator.Basis) (indicator.Basis, error) {
	if b, err := indicator.ParseBasis(string(asked)); err != nil || b != "" {
		return b, err
	}
	on, err := approval.ApprovedOnly(ctx, s.DB)
	if err != nil {
		return "", err
	}
	if on {
		return indicator.BasisApproved, nil
	}
	return indicator.BasisAll, nil
}

// periodSource is the table whose period column lists the periods with data
// in the basis, for finding the latest: reported values, or approved or
// accepted submissions (a bureau reading approved data only should not land
// on a month still under review).
func periodSource(b indicator.Basis) string {
	if b == indicator.BasisApproved {
		return `(SELECT period FROM approvals WHERE status IN ` + approval.ApprovedStatuses + `) approved`
	}
	return `data_values`
}
