package mujun

import (
	"strings"
	"testing"
)

func TestPresetsLoadAndValidate(t *testing.T) {
	all, err := Presets()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, lm := range all {
		ids[lm.Method.ID] = true
		if len(lm.Hash) != 64 {
			t.Errorf("%s: hash %q", lm.Method.ID, lm.Hash)
		}
	}
	for _, id := range []string{"sichuan", "zhejiang_huangyan", "huaian", "guixia"} {
		if !ids[id] {
			t.Errorf("preset %s missing", id)
		}
	}
}

func TestValidateRejects(t *testing.T) {
	lm, err := Preset("huaian")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, from, to, want string
	}{
		{"weights not summing to 100", "weight: 45", "weight: 40", "权重合计须为 100"},
		{"unknown input", "numerator: revenue", "numerator: turnover", `未知输入 "turnover"`},
		{"unknown scoring function", `{function: ratio, source: "淮安2024`, `{function: log, source: "淮安2024`, "评分函数须为 ratio 或 minmax"},
		{"shares not summing to 1", "{class: D, share: 0.05}", "{class: D, share: 0.15}", "各类比例合计须为 1"},
		{"misspelt key", "max_points: 10", "max_point: 10", "max_point"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := strings.Replace(string(lm.Raw), tc.from, tc.to, 1)
			if raw == string(lm.Raw) {
				t.Fatalf("test setup: %q not found in the preset", tc.from)
			}
			_, err := ParseMethod("huaian-edited.yaml", []byte(raw))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "huaian-edited.yaml") {
				t.Fatalf("want an error naming the file and saying %q, got %v", tc.want, err)
			}
		})
	}
}

func TestSichuanLocalIndicatorsWhenSet(t *testing.T) {
	lm, err := Preset("sichuan")
	if err != nil {
		t.Fatal(err)
	}
	local := `  status: set
  indicators:
    - {code: tech_per_mu, name: 亩均技改投资, unit: 万元/亩, numerator: tech_investment, denominator: land, weight: %s, source: 达州（示例）,
       scoring: {function: ratio, source: s}, benchmark: {rule: average, region: city, year: current, k: 1, source: s}, missing: {rule: zero, source: s}}
`
	set := func(w string) []byte {
		r := strings.Replace(string(lm.Raw), "  status: empty\n  indicators: []\n", strings.Replace(local, "%s", w, 1), 1)
		return []byte(r)
	}
	if _, err := ParseMethod("dazhou.yaml", set("30")); err != nil {
		t.Fatalf("one local indicator of weight 30 is valid: %v", err)
	}
	if _, err := ParseMethod("dazhou.yaml", set("25")); err == nil || !strings.Contains(err.Error(), "地方特色指标权重合计须为 30") {
		t.Fatalf("want the local weight error, got %v", err)
	}
}
