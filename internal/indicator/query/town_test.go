package query

import (
	"context"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestTownIsNoIndicatorUnit: org units now include towns, which analytics
// do not aggregate; asking for one must be refused, not answered with the
// city's figures.
func TestTownIsNoIndicatorUnit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedFixture(t, db)
		ctx := access.With(context.Background(), access.System)
		if _, err := db.Exec(ctx, `INSERT INTO org_units (code, name, level, parent_code, source) VALUES ('511702001', '测试街道', 'town', '511702', 'user')`); err != nil {
			t.Fatal(err)
		}
		svc := counted(t, newService(db, testEngine(t, nil)))
		if _, err := svc.Explain(ctx, "profit_margin", Params{Year: 2024, Org: "511702001"}, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("explaining a town: %v, want invalid", err)
		}
	})
}
