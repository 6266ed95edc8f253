package stats_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/plans"
)

func regionService(t *testing.T, db *store.DB) *stats.RegionValues {
	t.Helper()
	registrytest.Setup(t, db)
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return stats.NewRegionValues(db, cat)
}

func TestCatalogRegionElements(t *testing.T) {
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	// The indicator engine reads these codes from region_values.
	for code, unit := range map[string]string{
		"gdp": "亿元", "industrial_va_total": "亿元", "mfg_va_share_gdp": "%", "above_scale_va_growth": "%",
		"above_scale_firms": "户", "above_scale_gross_output": "亿元", "industrial_investment_growth": "%",
		"tech_investment_growth": "%", "province_mfg_va_share": "%", "province_energy_intensity_target": "%",
		"province_co2_intensity_target": "%",
	} {
		if el := cat.RegionElement(code); el == nil || el.Unit != unit {
			t.Errorf("region element %s = %+v, want unit %s", code, el, unit)
		}
	}
	_, err = stats.ParseCatalog([]byte("region_elements:\n  - {code: gdp, name: x, unit: 亿元, kind: guess, levels: [city]}\n"))
	if err == nil || !strings.Contains(err.Error(), "kind") {
		t.Errorf("a bad kind: %v, want an error naming it", err)
	}
}

func TestRegionValuesSetIsScopedAndChecked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		rv := regionService(t, db)
		sys := access.With(context.Background(), access.System)
		county := access.With(context.Background(), access.Principal{User: "xh", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511722"}}, Enter: access.Scope{Counties: []string{"511722"}}})
		ok := stats.RegionValue{Org: "511700", Element: "gdp", Period: "2022", Value: 2502.7, Source: "测试来源"}
		tests := []struct {
			name   string
			ctx    context.Context
			change func(*stats.RegionValue)
			want   apperr.Code
		}{
			{"city figure by the system", sys, func(*stats.RegionValue) {}, ""},
			{"county figure by its county", county, func(v *stats.RegionValue) { v.Org = "511722" }, ""},
			{"city figure by a county user", county, func(*stats.RegionValue) {}, apperr.Forbidden},
			{"other county", county, func(v *stats.RegionValue) { v.Org = "511724" }, apperr.Forbidden},
			{"unknown element", sys, func(v *stats.RegionValue) { v.Element = "gdp_per_capita" }, apperr.Invalid},
			{"province reference at county level", sys, func(v *stats.RegionValue) { v.Org, v.Element = "511722", "province_mfg_va_share" }, apperr.Invalid},
			{"bad period", sys, func(v *stats.RegionValue) { v.Period = "2022-13" }, apperr.Invalid},
			{"no source", sys, func(v *stats.RegionValue) { v.Source = " " }, apperr.Invalid},
			{"unknown org", sys, func(v *stats.RegionValue) { v.Org = "110000" }, apperr.Invalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				v := ok
				tt.change(&v)
				saved, err := rv.Set(tt.ctx, v)
				if apperr.CodeOf(err) != tt.want && !(tt.want == "" && err == nil) {
					t.Fatalf("error %v, want %q", err, tt.want)
				}
				if err == nil && (saved.Unit != "亿元" || saved.UpdatedBy == "") {
					t.Errorf("saved %+v lacks unit or author", saved)
				}
			})
		}
		all, err := rv.List(sys, stats.RegionFilter{Element: "gdp"})
		if err != nil || len(all) != 2 {
			t.Fatalf("system sees %d gdp figures (%v), want 2", len(all), err)
		}
		mine, _ := rv.List(county, stats.RegionFilter{})
		if len(mine) != 1 || mine[0].Org != "511722" {
			t.Errorf("a 宣汉县 user sees %+v, want only 宣汉县's figure", mine)
		}
	})
}

func TestPublishedFiguresLoadOnceAndNeverOverwrite(t *testing.T) {
	raw, err := fs.ReadFile(plans.Files, "dazhou-2021-2025.published.yaml")
	if err != nil {
		t.Fatal(err)
	}
	vals, err := stats.ParsePublished("published.yaml", raw)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		rv := regionService(t, db)
		sys := access.With(context.Background(), access.System)
		n, err := rv.LoadDefaults(sys, vals)
		if err != nil || n != len(vals) {
			t.Fatalf("first load added %d of %d: %v", n, len(vals), err)
		}
		gdp, _ := rv.List(sys, stats.RegionFilter{Org: "511700", Element: "gdp", Period: "2020"})
		if len(gdp) != 1 || gdp[0].Value != 2117.8 || !strings.Contains(gdp[0].Source, "[S1]") || !strings.Contains(gdp[0].Source, "可靠性A") {
			t.Fatalf("2020 GDP = %+v, want 2117.8 with source S1 and its reliability", gdp)
		}
		corrected := gdp[0]
		corrected.Value, corrected.Source = 2118.0, "修订"
		if _, err := rv.Set(sys, corrected); err != nil {
			t.Fatal(err)
		}
		if n, err := rv.LoadDefaults(sys, vals); err != nil || n != 0 {
			t.Errorf("second load added %d (%v), want 0", n, err)
		}
		gdp, _ = rv.List(sys, stats.RegionFilter{Org: "511700", Element: "gdp", Period: "2020"})
		if gdp[0].Value != 2118.0 {
			t.Errorf("a corrected figure was overwritten by the default: %v", gdp[0].Value)
		}
	})
	if _, err := stats.ParsePublished("bad.yaml", []byte("sources: {}\nvalues: [{org: '511700', element: gdp, period: '2020', value: 1, source: S9}]\n")); err == nil || !strings.Contains(err.Error(), "S9") {
		t.Errorf("unknown source: %v, want an error naming it", err)
	}
}

func TestPeriodWithin(t *testing.T) {
	p := func(s string) *stats.Period { x := stats.MustPeriod(s); return &x }
	tests := []struct {
		period   string
		from, to *stats.Period
		want     bool
	}{
		{"2020-06", p("2020-01"), p("2020-12"), true},
		{"2020", p("2020-01"), p("2020-12"), true},
		{"2020", p("2020-02"), nil, false},
		{"2020Q2", p("2020-04"), p("2020-06"), true},
		{"2021-01", nil, p("2020"), false},
		{"2019-12", nil, nil, true},
	}
	for _, tt := range tests {
		if got := stats.MustPeriod(tt.period).Within(tt.from, tt.to); got != tt.want {
			t.Errorf("%s within %v–%v = %v, want %v", tt.period, tt.from, tt.to, got, tt.want)
		}
	}
}
