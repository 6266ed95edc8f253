package registry_test

import (
	"context"
	"slices"
	"testing"

	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// withPlanTowns returns a copy of p whose first county names towns.
func withPlanTowns(p *plan.Plan, towns ...plan.Town) *plan.Plan {
	q := *p
	q.Counties = slices.Clone(p.Counties)
	q.Counties[0].Towns = towns
	return &q
}

// TestSyncPlanTowns checks that the plan's towns are synced, renamed and,
// once the plan drops them, removed unless something refers to them, and
// that towns users added survive every sync.
func TestSyncPlanTowns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		p, svc := registrytest.Setup(t, db)
		county := p.Counties[0].Code
		a := plan.Town{Code: county + "001", Name: "甲街道", Ref: "test"}
		b := plan.Town{Code: county + "100", Name: "乙镇", Ref: "test"}
		if _, err := svc.AddTown(sys, town(county, county+"200", "用户乡")); err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			name string
			plan *plan.Plan
			want []string // code name source of the county's towns
			prep func() error
		}{
			{"plan names two towns", withPlanTowns(p, a, b), []string{a.Code + " 甲街道 plan", b.Code + " 乙镇 plan", county + "200 用户乡 user"}, nil},
			{"plan renames one", withPlanTowns(p, plan.Town{Code: a.Code, Name: "甲新街道", Ref: "test"}, b),
				[]string{a.Code + " 甲新街道 plan", b.Code + " 乙镇 plan", county + "200 用户乡 user"}, nil},
			{"plan drops both; an enterprise keeps one", p, []string{b.Code + " 乙镇 plan", county + "200 用户乡 user"}, func() error {
				in := input(1)
				in.County, in.Park, in.USCC, in.Town = &county, nil, str(registrytest.USCC(county, 1)), &b.Code
				_, err := svc.Create(sys, in, "test")
				return err
			}},
		}
		for _, st := range steps {
			if st.prep != nil {
				if err := st.prep(); err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
			}
			if err := registry.SyncPlan(ctx, db, st.plan); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			units, err := svc.OrgUnits(sys, county)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range units {
				got = append(got, u.Code+" "+u.Name+" "+u.Source)
			}
			if !slices.Equal(got, st.want) {
				t.Errorf("%s: towns %v, want %v", st.name, got, st.want)
			}
		}
	})
}
