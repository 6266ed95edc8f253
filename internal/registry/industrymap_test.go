package registry_test

import (
	"strings"
	"testing"

	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store/storetest"
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
		{"1810", "", ""},
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
			src := "plan: dazhou-2021-2025\nrules: [" + tt.rules + "]\n"
			_, err := registry.ParseIndustryMap("m.yaml", []byte(src), p)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "m.yaml: ") {
				t.Errorf("error %v, want one naming the file and %q", err, tt.want)
			}
		})
	}
}
