package registry_test

import (
	"context"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

var sys = access.With(context.Background(), access.System)

func str(s string) *string { return &s }

// input is a valid registration in 宣汉县 (511722), 普光经开区.
func input(n int) registry.Input {
	return registry.Input{USCC: str(registrytest.USCC("511722", n)), Name: str("测试化工有限公司"), County: str("511722"),
		Park: str("puguang_etdz"), Industry: str("2614")}
}

func TestCreateValidates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		if _, err := svc.Create(sys, input(1), "test"); err != nil {
			t.Fatalf("valid registration: %v", err)
		}
		bad := registrytest.USCC("511722", 2)
		bad = bad[:17] + map[bool]string{true: "0", false: "1"}[bad[17] != '0']
		tests := []struct {
			name   string
			change func(*registry.Input)
			want   apperr.Code
		}{
			{"wrong check character", func(in *registry.Input) { in.USCC = &bad }, apperr.Invalid},
			{"duplicate USCC", func(in *registry.Input) { in.USCC = str(registrytest.USCC("511722", 1)) }, apperr.Conflict},
			{"missing name", func(in *registry.Input) { in.Name = nil }, apperr.Invalid},
			{"unknown county", func(in *registry.Input) { in.County = str("511799") }, apperr.Invalid},
			{"city is not a county", func(in *registry.Input) { in.County, in.Park = str("511700"), nil }, apperr.Invalid},
			{"park of another county", func(in *registry.Input) { in.Park = str("dazhou_hitech_zone") }, apperr.Invalid},
			{"unknown park", func(in *registry.Input) { in.Park = str("nowhere") }, apperr.Invalid},
			{"three-digit industry", func(in *registry.Input) { in.Industry = str("261") }, apperr.Invalid},
			{"non-industrial division", func(in *registry.Input) { in.Industry = str("5110") }, apperr.Invalid},
			{"unknown cluster override", func(in *registry.Input) { in.Cluster = str("aerospace") }, apperr.Invalid},
			{"negative land", func(in *registry.Input) { l := -1.0; in.LandMu = &l }, apperr.Invalid},
			{"bad date", func(in *registry.Input) { in.EstablishedOn = str("2020/01/01") }, apperr.Invalid},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := input(100 + i)
				tt.change(&in)
				if _, err := svc.Create(sys, in, "test"); apperr.CodeOf(err) != tt.want {
					t.Errorf("error %v, want code %s", err, tt.want)
				}
			})
		}
		page, err := svc.List(sys, registry.Filter{})
		if err != nil || page.Total != 1 {
			t.Errorf("after rejected registrations: %d enterprises (%v), want only the valid one", page.Total, err)
		}
	})
}

func TestCreateDerivesClusterAndUpdateRecordsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		in := input(1)
		in.Industry = str("C2613")
		e, err := svc.Create(sys, in, "cli")
		if err != nil {
			t.Fatal(err)
		}
		if e.Industry != "2613" || e.Cluster != "energy_chemical" || e.SubSector != "salt_brine_chemical" || e.ClusterOverride {
			t.Fatalf("created %+v, want 2613 derived to energy_chemical/salt_brine_chemical", e)
		}
		steps := []struct {
			name          string
			in            registry.Input
			cluster, sub  string
			override      bool
			changedFields []string
		}{
			{"industry change re-derives", registry.Input{Industry: str("3974")}, "electronics", "optoelectronic_display", false,
				[]string{"industry_code", "cluster_code", "sub_sector_code"}},
			{"manual cluster", registry.Input{Cluster: str("new_materials"), SubSector: str("metal_new_materials")}, "new_materials", "metal_new_materials", true,
				[]string{"cluster_code", "sub_sector_code", "cluster_override"}},
			{"override survives industry change", registry.Input{Industry: str("3982")}, "new_materials", "metal_new_materials", true,
				[]string{"industry_code"}},
			{"clear override", registry.Input{ClearOverride: true}, "electronics", "electronic_components", false,
				[]string{"cluster_code", "sub_sector_code", "cluster_override"}},
			{"no change records nothing", registry.Input{Name: str(e.Name)}, "electronics", "electronic_components", false, nil},
		}
		for _, st := range steps {
			before, _ := svc.History(sys, e.ID)
			got, err := svc.Update(sys, e.ID, st.in, "api")
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if got.Cluster != st.cluster || got.SubSector != st.sub || got.ClusterOverride != st.override {
				t.Errorf("%s: %s/%s override %v, want %s/%s %v", st.name, got.Cluster, got.SubSector, got.ClusterOverride, st.cluster, st.sub, st.override)
			}
			after, _ := svc.History(sys, e.ID)
			fields := map[string]bool{}
			for _, c := range after[:len(after)-len(before)] {
				fields[c.Field] = true
				if c.Source != "api" || c.Actor != "system" {
					t.Errorf("%s: change %+v lacks source/actor", st.name, c)
				}
			}
			if len(fields) != len(st.changedFields) {
				t.Errorf("%s: history fields %v, want %v", st.name, fields, st.changedFields)
			}
			for _, f := range st.changedFields {
				if !fields[f] {
					t.Errorf("%s: no history entry for %s", st.name, f)
				}
			}
		}
	})
}

func TestScopeFiltersEveryMethod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		xuanhan, err := svc.Create(sys, input(1), "test")
		if err != nil {
			t.Fatal(err)
		}
		dazhu := input(2)
		dazhu.County, dazhu.Park, dazhu.USCC = str("511724"), nil, str(registrytest.USCC("511724", 2))
		if _, err := svc.Create(sys, dazhu, "test"); err != nil {
			t.Fatal(err)
		}
		county := access.With(context.Background(), access.Principal{User: "dz", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511724"}}, Enter: access.Scope{Counties: []string{"511724"}}})
		leader := access.With(context.Background(), access.Principal{User: "ld", Role: access.RoleLeader,
			View: access.Scope{All: true}, Enter: access.Scope{All: true}})
		tests := []struct {
			name string
			call func() error
			want apperr.Code
		}{
			{"get out of scope", func() error { _, err := svc.Get(county, xuanhan.ID); return err }, apperr.NotFound},
			{"update out of scope", func() error {
				_, err := svc.Update(county, xuanhan.ID, registry.Input{Name: str("x")}, "api")
				return err
			}, apperr.NotFound},
			{"history out of scope", func() error { _, err := svc.History(county, xuanhan.ID); return err }, apperr.NotFound},
			{"values out of scope", func() error { _, err := svc.Values(county, xuanhan.ID, "", "", ""); return err }, apperr.NotFound},
			{"tag out of scope", func() error {
				_, err := svc.AddTag(county, xuanhan.ID, registry.Tag{Tag: "cloud", ValidFrom: "2021-01-01"}, "api")
				return err
			}, apperr.NotFound},
			{"create in another county", func() error { _, err := svc.Create(county, input(3), "api"); return err }, apperr.Forbidden},
			{"leader may not write", func() error {
				_, err := svc.Update(leader, xuanhan.ID, registry.Input{Name: str("x")}, "api")
				return err
			}, apperr.Forbidden},
			{"no principal sees nothing", func() error { _, err := svc.Get(context.Background(), xuanhan.ID); return err }, apperr.NotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := tt.call(); apperr.CodeOf(err) != tt.want {
					t.Errorf("error %v, want %s", err, tt.want)
				}
			})
		}
		for ctx, want := range map[context.Context]int{county: 1, sys: 2, context.Background(): 0} {
			if page, err := svc.List(ctx, registry.Filter{}); err != nil || page.Total != want {
				t.Errorf("list: %d (%v), want %d", page.Total, err, want)
			}
		}
		units, err := svc.OrgUnits(county, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			if want := map[string]int{"511700": 1, "511724": 1}[u.Code]; u.Enterprises != want {
				t.Errorf("org unit %s counts %d enterprises for a 大竹县 user, want %d", u.Code, u.Enterprises, want)
			}
		}
	})
}

func TestRederiveFollowsAnEditedMap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		p, svc := registrytest.Setup(t, db)
		derived, err := svc.Create(sys, input(1), "test")
		if err != nil {
			t.Fatal(err)
		}
		manual := input(2)
		manual.Cluster = str("new_materials")
		pinned, err := svc.Create(sys, manual, "test")
		if err != nil {
			t.Fatal(err)
		}
		edited, err := registry.ParseIndustryMap("edited.yaml", []byte("plan: dazhou-2021-2025\nrules:\n  - {prefix: \"26\", cluster: energy_chemical, sub_sector: salt_brine_chemical}\n"), p)
		if err != nil {
			t.Fatal(err)
		}
		next := registry.NewService(db, p, svc.Classification(), edited, svc.Tags())
		n, err := next.Rederive(sys, "industry_map")
		if err != nil || n != 1 {
			t.Fatalf("re-derived %d (%v), want 1: the hand-assigned one stays", n, err)
		}
		if e, _ := next.Get(sys, derived.ID); e.SubSector != "salt_brine_chemical" {
			t.Errorf("derived enterprise now %s/%s, want the edited map's answer", e.Cluster, e.SubSector)
		}
		if e, _ := next.Get(sys, pinned.ID); e.Cluster != "new_materials" {
			t.Errorf("hand-assigned cluster became %s", e.Cluster)
		}
		hist, _ := next.History(sys, derived.ID)
		if hist[0].Source != "industry_map" || hist[0].Field != "sub_sector_code" {
			t.Errorf("latest change %+v, want the sub-sector change from industry_map", hist[0])
		}
		if n, _ := next.Rederive(sys, "industry_map"); n != 0 {
			t.Errorf("a second pass changed %d enterprises, want 0", n)
		}
	})
}
