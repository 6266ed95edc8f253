package query

import (
	"context"
	"fmt"

	"mfgplan/internal/indicator"
)

// loadFacts reads a unit's analytics rows in basis b and the region values
// of its org unit and of the city. Region values are entered by the
// bureaus, not submitted by enterprises, and count in both bases.
func (s *Service) loadFacts(ctx context.Context, o indicator.Org, group string, b indicator.Basis) (*indicator.Facts, error) {
	f := indicator.NewFacts(b)
	if err := s.Analytics.ReadUnit(ctx, indicator.UnitKey{Org: o.Code, Group: group}, f); err != nil {
		return nil, err
	}
	rows, err := s.DB.Query(ctx, `SELECT org_code, element_code, period, value, source FROM region_values WHERE org_code IN (?, ?)`,
		o.Code, s.Engine.Plan.Region.Code)
	if err != nil {
		return nil, fmt.Errorf("reading region values of %s: %w", o.Code, err)
	}
	defer rows.Close()
	for rows.Next() {
		var org, el, period string
		var v float64
		var ob indicator.Observed
		if err := rows.Scan(&org, &el, &period, &v, &ob.Source); err != nil {
			return nil, fmt.Errorf("reading region values: %w", err)
		}
		ob.Value = &v
		f.PutRegion(org, el, period, ob)
	}
	return f, rows.Err()
}
