package indicator_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"mfgplan/internal/indicator"
	"mfgplan/internal/indicator/indicatortest"
	"mfgplan/internal/plan"
)

func TestDefinitionsProblemsAreLocated(t *testing.T) {
	l, err := plan.LoadFile(indicatortest.PlanFile("dazhou-2021-2025.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(indicatortest.PlanFile("dazhou-2021-2025.indicators.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown element", `sum("rd_expense", above_scale)`, `sum("rd_spend", above_scale)`, `element "rd_spend" is not in the data catalog`},
		{"formula does not compile", `count(tagged("zjtx", "province"))`, `count(tagged("zjtx", "province")`, "does not compile"},
		{"missing definition", "  - code: service_mfg_share\n", "  - code: service_mfg_share_x\n", "service_mfg_share (开展服务型制造的企业比例) has no definition"},
		{"unknown tag level", `"green_factory", "province"`, `"green_factory", "county"`, `tag level "county"`},
		{"unknown tag", `tagged("zjtx", "province")`, `tagged("specialized", "province")`, `tag "specialized" is not in the registry's tag vocabulary`},
		{"misspelt filter inside an argument", `count(above_scale, at_least("revenue", 10000))`, `count(above_scal, at_least("revenue", 10000))`, "unknown name above_scal"},
		{"misspelt filter nested deeper", `sum("revenue", above_scale, high_tech)`, `sum("revenue", above_scale, hightech)`, "unknown name hightech"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(strings.Replace(string(raw), tt.from, tt.to, 1))
			_, err := indicator.Load(l.Plan, "defs.yaml", src, indicatortest.Deps(t))
			var pe *plan.ProblemsError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want problems", err)
			}
			want := lineOf(src, tt.to)
			for _, p := range pe.Problems {
				if strings.Contains(p.Message, tt.want) && (p.Line == want || tt.name == "missing definition" && p.Line > 1) && p.File == "defs.yaml" {
					return
				}
			}
			t.Errorf("problems %v lack %q with a line", pe.Problems, tt.want)
		})
	}
}

// lineOf is the 1-based line on which s first occurs in src.
func lineOf(src []byte, s string) int {
	i := strings.Index(string(src), s)
	return strings.Count(string(src[:i]), "\n") + 1
}
