package registry_test

import (
	"io/fs"
	"strings"
	"testing"

	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store/storetest"
	"mfgplan/plans"
)

func TestIndustryMapLongestPrefixWins(t *testing.T) {
	_, svc := registrytest.Setup(t, storetest.SQLite(t))
	m := svc.IndustryMap()
	tests := []struct {
		code, cluster, sub string
	}{
		{"2614", "energy_chemical", "natural_gas_chemical"},
		{"2612", "energy_chemical", "salt_brine_chemical"},
		{"2624", "energy_chemical", "salt_brine_chemical"},
		{"2622", "energy_chemical", "sulfur_phosphorus_chemical"},
		{"2615", "energy_chemical", ""},
		{"1353", "food_medicine", "livestock_poultry"},
		{"1311", "food_medicine", "grain_oil_fruit_veg"},
		{"1512", "food_medicine", ""},
		{"1721", "food_medicine", "ramie"},
		{"2740", "food_medicine", "medicine_health"},
		{"2826", "new_materials", "high_performance_fiber"},
		{"3061", "new_materials", "high_performance_fiber"},
		{"3011", "new_materials", "green_building_materials"},
		{"3251", "new_materials", "metal_new_materials"},
		{"3974", "electronics", "optoelectronic_display"},
		{"3973", "electronics", "electronic_components"},
		{"3912", "electronics", "computer_parts"},
		{"3940", "electronics", ""},
		{"3670", "intelligent_equipment", "auto_and_parts"},
		{"3841", "intelligent_equipment", "electrical_machinery"},
		{"1819", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, s, ok := m.Lookup(tt.code)
			if c != tt.cluster || s != tt.sub || ok != (tt.cluster != "") {
				t.Errorf("Lookup = %s/%s %v, want %s/%s", c, s, ok, tt.cluster, tt.sub)
			}
		})
	}
}

func TestParseIndustryMapRejectsBadRules(t *testing.T) {
	p, _ := registrytest.Setup(t, storetest.SQLite(t))
	tests := []struct {
		name, rules, want string
	}{
		{"unknown cluster", `{prefix: "26", cluster: aerospace}`, `no cluster "aerospace"`},
		{"unknown sub-sector", `{prefix: "26", cluster: energy_chemical, sub_sector: coal}`, `no sub-sector "coal"`},
		{"prefix too long", `{prefix: "26141", cluster: energy_chemical}`, "2–4 digits"},
		{"duplicate", `{prefix: "26", cluster: energy_chemical}, {prefix: "26", cluster: new_materials}`, "appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "plan: dazhou-2021-2025\nrules:\n  - " + strings.ReplaceAll(tt.rules, "}, {", "}\n  - {") + "\n"
			_, err := registry.ParseIndustryMap("m.yaml", []byte(src), p)
			wantAt := "m.yaml:3: "
			if tt.name == "duplicate" {
				wantAt = "m.yaml:4: "
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), wantAt) {
				t.Errorf("error %v, want one at %s and %q", err, wantAt, tt.want)
			}
		})
	}
}

// TestShippedIndustryMapsNameRealClasses checks every prefix of every shipped
// industry map against the GB/T 4754-2017 class list.
func TestShippedIndustryMapsNameRealClasses(t *testing.T) {
	classes, err := registry.LoadClassification(false)
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(plans.Files, "*.industry-map.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no shipped industry maps (%v)", err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			l := shippedPlan(t, strings.TrimSuffix(name, ".industry-map.yaml")+".yaml")
			raw, _ := fs.ReadFile(plans.Files, name)
			m, err := registry.ParseIndustryMap(name, raw, l.Plan)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range m.UnknownPrefixes(classes, name, raw) {
				t.Error(p)
			}
		})
	}
	bad, err := registry.ParseIndustryMap("m.yaml", []byte("plan: dazhou-2021-2025\nrules:\n  - {prefix: \"26\", cluster: energy_chemical}\n  - {prefix: \"2699\", cluster: energy_chemical}\n"), shippedPlan(t, plans.Default).Plan)
	if err != nil {
		t.Fatal(err)
	}
	probs := bad.UnknownPrefixes(classes, "m.yaml", []byte("plan: dazhou-2021-2025\nrules:\n  - {prefix: \"26\", cluster: energy_chemical}\n  - {prefix: \"2699\", cluster: energy_chemical}\n"))
	if len(probs) != 1 || probs[0].Line != 4 || !strings.Contains(probs[0].Message, "2699") {
		t.Errorf("problems %v, want one for 2699 at m.yaml:4", probs)
	}
}

func shippedPlan(t *testing.T, name string) *plan.Loaded {
	t.Helper()
	raw, err := fs.ReadFile(plans.Files, name)
	if err != nil {
		t.Fatal(err)
	}
	l, err := plan.Parse(name, raw)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
