package plan

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func readMinimal(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func TestParseAcceptsMinimalPlan(t *testing.T) {
	l, err := Parse("minimal.yaml", []byte(readMinimal(t)))
	if err != nil {
		t.Fatalf("minimal plan rejected: %v", err)
	}
	if got := *l.Plan.Indicators[0].Target.Value; got != 200 {
		t.Errorf("target = %v, want 200", got)
	}
	if len(l.SHA256) != 64 {
		t.Errorf("sha256 %q", l.SHA256)
	}
}

// TestParseReportsLocatedProblems breaks the minimal plan one way at a time
// and checks that the problem names the right line and says why.
func TestParseReportsLocatedProblems(t *testing.T) {
	tests := []struct {
		name, from, to string
		wantLine       int
		wantMsg        string
	}{
		{"unknown cluster of a chain", "    cluster: chem\n", "    cluster: steel\n", 36, `unknown cluster "steel"`},
		{"edge to a missing node", "{from: gas, to: urea}", "{from: gas, to: ammonia}", 38, `unknown node "ammonia"`},
		{"malformed number", "target: {kind: level, value: 200, year: 2025}", "target: {kind: level, value: 2x0, year: 2025}", 17, "cannot unmarshal"},
		{"park in an unknown county", `county: "510104", kind`, `county: "519999", kind`, 42, `unknown county "519999"`},
		{"external target with a value", "{kind: external, external: 全省平均, year: 2025}", "{kind: external, external: 全省平均, value: 20, year: 2025}", 24, "remove the value"},
		{"level target without a value", "{kind: level, value: 200, year: 2025}", "{kind: level, year: 2025}", 17, "needs a value"},
		{"unknown unit", "    unit: 亿元\n    baseline: {value: 100", "    unit: 万吨\n    baseline: {value: 100", 15, `unknown unit "万吨"`},
		{"unknown key", "    ref: 专栏1\n  - code: share", "    reff: 专栏1\n  - code: share", 18, "not found"},
		{"target year outside the plan", "value: 200, year: 2025", "value: 200, year: 2030", 17, "outside the plan period"},
		{"cycle in a chain", "edges: [{from: gas, to: urea}]", "edges: [{from: gas, to: urea}, {from: urea, to: gas}]", 38, "loops back"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := readMinimal(t)
			if !strings.Contains(src, tt.from) {
				t.Fatalf("fixture lacks %q", tt.from)
			}
			_, err := Parse("plan.yaml", []byte(strings.Replace(src, tt.from, tt.to, 1)))
			var pe *ProblemsError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want problems", err)
			}
			for _, p := range pe.Problems {
				if p.Line == tt.wantLine && strings.Contains(p.Message, tt.wantMsg) && p.File == "plan.yaml" {
					return
				}
			}
			t.Errorf("problems %v lack line %d with %q", pe, tt.wantLine, tt.wantMsg)
		})
	}
}

func TestDazhouPlanIsValid(t *testing.T) {
	l, err := LoadFile("../../plans/dazhou-2021-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := l.Plan
	if len(p.Counties) != 7 || len(p.Indicators) != 20 {
		t.Errorf("counties %d, indicators %d; want 7 and 20", len(p.Counties), len(p.Indicators))
	}
	for _, c := range p.Chains {
		if len(c.Edges) == 0 {
			t.Errorf("chain %s has no edges", c.Code)
		}
	}
}
