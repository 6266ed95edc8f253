package analytics

import (
	"context"
	"database/sql"
	"fmt"

	"mfgplan/internal/indicator"
)

// ReadUnit adds the analytics rows of unit k in f's basis to f.
func (s *Service) ReadUnit(ctx context.Context, k indicator.UnitKey, f *indicator.Facts) error {
	rows, err := s.db.Query(ctx, `SELECT indicator_code, period, value, firms, missing FROM analytics_indicator_values
		WHERE org_code = ? AND group_code = ? AND basis = ?`, k.Org, k.Group, string(f.Basis))
	if err != nil {
		return fmt.Errorf("reading analytics of %s: %w", k.Org, err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, period string
		var ob indicator.Observed
		var v sql.NullFloat64
		if err := rows.Scan(&code, &period, &v, &ob.Firms, &ob.Missing); err != nil {
			return fmt.Errorf("reading analytics of %s: %w", k.Org, err)
		}
		if v.Valid {
			ob.Value = &v.Float64
		}
		f.PutAnalytics(code, period, ob)
	}
	return rows.Err()
}
