package registry_test

import (
	"context"
	"slices"
	"testing"

	"mfgplan/internal/dirty"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestEveryWriteMarksAnalytics fails when a registry write forgets to mark
// the analytics refresh: each step runs one service write and compares the
// marks it left with those the indicators need, none when it changed
// nothing they count or failed.
func TestEveryWriteMarksAnalytics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		p, svc := registrytest.Setup(t, db)
		var id int64
		var tag registry.Tag
		all := func() []dirty.Mark { return []dirty.Mark{dirty.Enterprise(id)} }
		update := func(in registry.Input) func() error {
			return func() error { _, err := svc.Update(sys, id, in, "test"); return err }
		}
		rederive := func() error { _, err := svc.Rederive(sys, "industry_map"); return err }
		steps := []struct {
			name    string
			run     func() error
			wantErr bool
			want    func() []dirty.Mark // nil: no mark
		}{
			{name: "Create", run: func() (err error) {
				e, err := svc.Create(sys, input(1), "test")
				id = e.ID
				return err
			}, want: all},
			{name: "Update name", run: update(registry.Input{Name: str("测试新材料有限公司")}), want: all},
			{name: "Update county and park", run: update(registry.Input{County: str("511702"), Park: str("dazhou_hitech_zone")}), want: all},
			{name: "Update industry", run: update(registry.Input{Industry: str("3974")}), want: all},
			{name: "Update cluster by hand", run: update(registry.Input{Cluster: str("new_materials"), SubSector: str("metal_new_materials")}), want: all},
			{name: "Update clears the override", run: update(registry.Input{ClearOverride: true}), want: all},
			{name: "Update note only", run: update(registry.Input{Note: str("备注")})},
			// Analytics are kept per city, county, park and cluster, never per town.
			{name: "Update town only", run: func() error {
				if _, err := svc.AddTown(sys, registry.TownInput{County: "511702", Code: "511702001", Name: "测试街道"}); err != nil {
					return err
				}
				return update(registry.Input{Town: str("511702001")})()
			}},
			{name: "Update rejected", run: update(registry.Input{County: str("999999")}), wantErr: true},
			{name: "AddTag", run: func() (err error) {
				tag, err = svc.AddTag(sys, id, registry.Tag{Tag: "zjtx", Level: "province", ValidFrom: "2022-05-01"}, "test")
				return err
			}, want: all},
			{name: "EndTag", run: func() error { return svc.EndTag(sys, id, tag.ID, "2024-04-30", "test") }, want: all},
			{name: "SetAboveScale", run: func() error { return svc.SetAboveScale(sys, id, 2024, true, "test") },
				want: func() []dirty.Mark { return []dirty.Mark{dirty.Year(id, 2024)} }},
			{name: "SetAboveScale unchanged", run: func() error { return svc.SetAboveScale(sys, id, 2024, true, "test") }},
			{name: "Rederive after a map edit", run: func() error {
				edited, err := registry.ParseIndustryMap("edited.yaml", []byte("plan: dazhou-2021-2025\nrules:\n  - {prefix: \"39\", cluster: new_materials, sub_sector: metal_new_materials}\n"), p)
				if err != nil {
					return err
				}
				_, err = registry.NewService(db, p, svc.Classification(), edited, svc.Tags()).Rederive(sys, "industry_map")
				return err
			}, want: all},
			{name: "Rederive back to the plan's map", run: rederive, want: all},
			{name: "Rederive with nothing to change", run: rederive},
		}
		for _, st := range steps {
			if err := st.run(); (err != nil) != st.wantErr {
				t.Fatalf("%s: error %v, want error %v", st.name, err, st.wantErr)
			}
			got, err := dirty.Claim(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			var want []dirty.Mark
			if st.want != nil {
				want = st.want()
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: marks %v, want %v", st.name, got, want)
			}
		}
	})
}
