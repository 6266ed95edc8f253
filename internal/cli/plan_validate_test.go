package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPlanValidateChecksCompanions breaks each file beside a copy of the
// Dazhou plan one way and checks that plan validate names it as file:line.
func TestPlanValidateChecksCompanions(t *testing.T) {
	tests := []struct {
		name, file, from, to string
		marker               string // the problem is on the line holding this in the edited file
		want                 string // message in the output
	}{
		{"valid", "", "", "", "", ""},
		{"misspelt formula argument", ".indicators.yaml", `count(above_scale, at_least("revenue", 10000))`, `count(above_scal, at_least("revenue", 10000))`, "count(above_scal,", "unknown name above_scal"},
		{"broken indicators file", ".indicators.yaml", "    frequency: yearly\n    formula: count(above_scale", "    frequncy: yearly\n    formula: count(above_scale", "frequncy", "field frequncy not found"},
		{"industry map with an unknown cluster", ".industry-map.yaml", `{prefix: "2614", cluster: energy_chemical,`, `{prefix: "2614", cluster: energy_chem,`, "energy_chem,", `no cluster "energy_chem"`},
		{"industry map with a class that does not exist", ".industry-map.yaml", `{prefix: "2614", cluster`, `{prefix: "2699", cluster`, `"2699"`, "prefix 2699 starts no GB/T 4754-2017 class"},
		{"published figure of an unknown element", ".published.yaml", "element: gdp,", "element: gdp_x,", "gdp_x", `region element "gdp_x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var edited []byte
			for _, suffix := range []string{".yaml", ".indicators.yaml", ".industry-map.yaml", ".published.yaml"} {
				raw, err := os.ReadFile("../../plans/dazhou-2021-2025" + suffix)
				if err != nil {
					t.Fatal(err)
				}
				if suffix == tt.file {
					if !strings.Contains(string(raw), tt.from) {
						t.Fatalf("%s does not contain %q", suffix, tt.from)
					}
					raw = []byte(strings.Replace(string(raw), tt.from, tt.to, 1))
					edited = raw
				}
				if err := os.WriteFile(filepath.Join(dir, "p"+suffix), raw, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out, err := run(t, dir, "plan", "validate", filepath.Join(dir, "p.yaml"))
			if tt.want == "" {
				if err != nil || !strings.Contains(out, "valid") {
					t.Fatalf("valid plan: %v\n%s", err, out)
				}
				return
			}
			line := strings.Count(string(edited[:strings.Index(string(edited), tt.marker)]), "\n") + 1
			at := filepath.Join(dir, "p"+tt.file) + ":" + strconv.Itoa(line) + ":"
			if err == nil {
				t.Fatalf("plan validate passed:\n%s", out)
			}
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, at) && strings.Contains(l, tt.want) {
					return
				}
			}
			t.Errorf("output\n%s\nhas no line %s …%q", out, at, tt.want)
		})
	}
}

// TestChangedIndicatorsFileIsANewPlanVersion: editing only the indicators
// file beside a plan makes the next start record a new plan version.
func TestChangedIndicatorsFileIsANewPlanVersion(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	for _, suffix := range []string{".yaml", ".indicators.yaml"} {
		raw, err := os.ReadFile("../../plans/dazhou-2021-2025" + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "p"+suffix), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	versions := func() string {
		out, err := run(t, data, "--plan", filepath.Join(dir, "p.yaml"), "plan", "versions")
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if out := versions(); !strings.Contains(out, "v1") || strings.Contains(out, "v2") {
		t.Fatalf("first start:\n%s", out)
	}
	defs := filepath.Join(dir, "p.indicators.yaml")
	raw, _ := os.ReadFile(defs)
	if err := os.WriteFile(defs, append(raw, []byte("# edited\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := versions(); !strings.Contains(out, "v2") {
		t.Errorf("after editing the indicators file:\n%s\nwant a second version", out)
	}
}
