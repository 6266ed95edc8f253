package collect_test

import (
	"context"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

// TestImportHistoryByScope: a county reviewer sees the imports of its own
// firms (whoever filed them) and not an import that also names another
// county's firm; a filer sees the imports for its firm; the city sees all.
func TestImportHistoryByScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ents := seedRegistry(t, db, 2, false) // ents[0] in 511722 宣汉县, ents[1] in 511723 开江县
		svc := newService(t, db, xlsx.Limits{})
		filer := access.With(context.Background(), access.Principal{User: "filer", Role: access.RoleEnterprise,
			View: access.Scope{Enterprises: []int64{ents[0].id}}, Enter: access.Scope{Enterprises: []int64{ents[0].id}}})
		one := `[{"uscc":"` + ents[0].uscc + `","element":"revenue","period":"2024-05","value":10}]`
		both := `[{"uscc":"` + ents[0].uscc + `","element":"revenue","period":"2024-06","value":10},{"uscc":"` + ents[1].uscc + `","element":"revenue","period":"2024-06","value":20}]`
		own, err := svc.SaveJSON(filer, mustItems(t, one), false)
		if err != nil {
			t.Fatal(err)
		}
		city, err := svc.SaveJSON(sysCtx(), mustItems(t, both), false)
		if err != nil {
			t.Fatal(err)
		}
		county := access.With(context.Background(), access.Principal{User: "xuanhan", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511722"}}, Enter: access.Scope{Counties: []string{"511722"}}})
		other := access.With(context.Background(), access.Principal{User: "kaijiang", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511723"}}, Enter: access.Scope{Counties: []string{"511723"}}})
		for _, tc := range []struct {
			name string
			ctx  context.Context
			want []int64
		}{
			{"the county of the filer's firm sees its import, not the city's two-county one", county, []int64{own.ID}},
			{"another county sees neither", other, nil},
			{"the filer sees its own", filer, []int64{own.ID}},
			{"the city-wide view sees both", sysCtx(), []int64{city.ID, own.ID}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				items, total, err := svc.ListImports(tc.ctx, 50, 0)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, it := range items {
					got = append(got, it.ID)
				}
				if total != len(tc.want) || len(got) != len(tc.want) {
					t.Fatalf("imports %v (total %d), want %v", got, total, tc.want)
				}
				for i := range got {
					if got[i] != tc.want[i] {
						t.Fatalf("imports %v, want %v", got, tc.want)
					}
				}
				if _, err := svc.GetImport(tc.ctx, city.ID); (err == nil) != (len(tc.want) == 2) {
					t.Errorf("reading the two-county import: %v", err)
				}
			})
		}
	})
}
