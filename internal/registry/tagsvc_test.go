package registry_test

import (
	"testing"

	"mfgplan/internal/apperr"
	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func TestCountTaggedAsOf(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		var ids []int64
		for i := 1; i <= 3; i++ {
			e, err := svc.Create(sys, input(i), "test")
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		grants := []struct {
			id       int64
			tag      registry.Tag
			wantCode apperr.Code
		}{
			{ids[0], registry.Tag{Tag: "zjtx", Level: "province", ValidFrom: "2019-05-01"}, ""},
			{ids[1], registry.Tag{Tag: "zjtx", Level: "national", ValidFrom: "2021-07-01"}, ""},
			{ids[2], registry.Tag{Tag: "zjtx", Level: "province", ValidFrom: "2018-01-01", ValidTo: "2020-06-30"}, ""},
			{ids[0], registry.Tag{Tag: "high_tech_enterprise", ValidFrom: "2020-01-01", ValidTo: "2022-12-31"}, ""},
			{ids[0], registry.Tag{Tag: "zjtx", Level: "city", ValidFrom: "2020-01-01"}, apperr.Invalid},
			{ids[0], registry.Tag{Tag: "famous", ValidFrom: "2020-01-01"}, apperr.Invalid},
			{ids[0], registry.Tag{Tag: "cloud", ValidFrom: "2020-13-01"}, apperr.Invalid},
			{ids[0], registry.Tag{Tag: "cloud", ValidFrom: "2020-06-01", ValidTo: "2020-01-01"}, apperr.Invalid},
		}
		for _, g := range grants {
			if _, err := svc.AddTag(sys, g.id, g.tag, "test"); g.wantCode == "" && err != nil || g.wantCode != "" && apperr.CodeOf(err) != g.wantCode {
				t.Fatalf("AddTag %+v: %v, want %q", g.tag, err, g.wantCode)
			}
		}
		tests := []struct {
			tag, min, asOf string
			want           int
		}{
			{"zjtx", "province", "2020-01-01", 2},
			{"zjtx", "province", "2020-12-31", 1},
			{"zjtx", "province", "2021-07-01", 2},
			{"zjtx", "national", "2021-07-01", 1},
			{"zjtx", "", "2017-12-31", 0},
			{"high_tech_enterprise", "", "2022-12-31", 1},
			{"high_tech_enterprise", "", "2023-01-01", 0},
		}
		for _, tt := range tests {
			n, err := svc.CountTagged(sys, tt.tag, tt.min, tt.asOf, registry.Filter{})
			if err != nil || n != tt.want {
				t.Errorf("CountTagged(%s, %s, %s) = %d, %v; want %d", tt.tag, tt.min, tt.asOf, n, err, tt.want)
			}
		}
		e, err := svc.Get(sys, ids[0])
		if err != nil || len(e.Tags) != 2 {
			t.Fatalf("enterprise tags %v, %v; want 2", e.Tags, err)
		}
		if e.Tags[0].Tag != "zjtx" || e.Tags[0].Name != "专精特新中小企业" {
			t.Fatalf("first tag %+v, want the 专精特新 from 2019", e.Tags[0])
		}
		for _, bad := range []struct {
			tagID int64
			to    string
			want  apperr.Code
		}{{e.Tags[0].ID, "", apperr.Invalid}, {e.Tags[0].ID, "2019-01-01", apperr.Invalid}, {9999, "2020-03-31", apperr.NotFound}} {
			if err := svc.EndTag(sys, ids[0], bad.tagID, bad.to, "test"); apperr.CodeOf(err) != bad.want {
				t.Errorf("EndTag(%d, %q): %v, want %s", bad.tagID, bad.to, err, bad.want)
			}
		}
		if err := svc.EndTag(sys, ids[0], e.Tags[0].ID, "2020-03-31", "test"); err != nil {
			t.Fatal(err)
		}
		if n, _ := svc.CountTagged(sys, "zjtx", "province", "2020-04-01", registry.Filter{}); n != 1 {
			t.Errorf("after ending a tag on 2020-03-31: %d held on 2020-04-01, want 1", n)
		}
	})
}

func TestAboveScaleByYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		a, _ := svc.Create(sys, input(1), "test")
		b, _ := svc.Create(sys, input(2), "test")
		for _, s := range []struct {
			id    int64
			year  int
			above bool
		}{{a.ID, 2020, true}, {a.ID, 2021, false}, {b.ID, 2021, true}, {b.ID, 2021, true}} {
			if err := svc.SetAboveScale(sys, s.id, s.year, s.above, "test"); err != nil {
				t.Fatal(err)
			}
		}
		if err := svc.SetAboveScale(sys, a.ID, 1800, true, "test"); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("year 1800: %v, want invalid", err)
		}
		for year, want := range map[int]int{2020: 1, 2021: 1, 2022: 0} {
			page, err := svc.List(sys, registry.Filter{AboveScaleYear: year})
			if err != nil || page.Total != want {
				t.Errorf("规上 in %d: %d (%v), want %d", year, page.Total, err, want)
			}
		}
		hist, _ := svc.History(sys, b.ID)
		n := 0
		for _, h := range hist {
			if h.Field == "above_scale:2021" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("setting the same status twice recorded %d changes, want 1", n)
		}
	})
}

func TestListFiltersAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		for i := 1; i <= 5; i++ {
			in := input(i)
			if i > 3 {
				in.Industry, in.Name = str("3974"), str("测试光电有限公司")
			}
			if _, err := svc.Create(sys, in, "test"); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name      string
			f         registry.Filter
			total, on int
		}{
			{"all", registry.Filter{}, 5, 5},
			{"cluster", registry.Filter{Cluster: "electronics"}, 2, 2},
			{"sub-sector", registry.Filter{SubSector: "natural_gas_chemical"}, 3, 3},
			{"park", registry.Filter{Park: "puguang_etdz"}, 5, 5},
			{"county elsewhere", registry.Filter{County: "511702"}, 0, 0},
			{"name search", registry.Filter{Query: "光电"}, 2, 2},
			{"USCC search lower case", registry.Filter{Query: "t0000001"}, 1, 1},
			{"page", registry.Filter{Limit: 2, Offset: 4}, 5, 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page, err := svc.List(sys, tt.f)
				if err != nil || page.Total != tt.total || len(page.Items) != tt.on {
					t.Errorf("total %d, %d on page (%v); want %d, %d", page.Total, len(page.Items), err, tt.total, tt.on)
				}
			})
		}
	})
}

func TestSyncPlanIsIdempotentAndKeepsReferencedRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		p, svc := registrytest.Setup(t, db)
		if _, err := svc.Create(sys, input(1), "test"); err != nil {
			t.Fatal(err)
		}
		count := func(table string) int {
			var n int
			if err := db.QueryRow(sys, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if count("org_units") != 8 || count("parks") != 17 {
			t.Fatalf("%d org units, %d parks; want 8 and 17", count("org_units"), count("parks"))
		}
		changed := *p
		changed.Counties = append([]plan.County(nil), p.Counties...)
		changed.Counties[0].Name = "通川区（改）"
		var kept []plan.Park
		for _, pk := range p.Parks {
			if pk.Code != "puguang_etdz" && pk.Code != "qinba_zhigu" {
				kept = append(kept, pk)
			}
		}
		changed.Parks = kept
		for range 2 {
			if err := registry.SyncPlan(sys, db, &changed); err != nil {
				t.Fatal(err)
			}
		}
		var name string
		db.QueryRow(sys, `SELECT name FROM org_units WHERE code = '511702'`).Scan(&name)
		if name != "通川区（改）" {
			t.Errorf("county name %q, want the renamed one", name)
		}
		if n := count("parks"); n != 16 {
			t.Errorf("%d parks, want 16: the unreferenced dropped park goes, the one with an enterprise stays", n)
		}
	})
}
