package plan

import (
	"errors"
	"strings"
	"testing"
)

// withTowns puts a towns list under the minimal plan's county (line 40);
// the towns start on line 42, one per line.
func withTowns(t *testing.T, towns ...string) []byte {
	t.Helper()
	const county = `  - {code: "510104", name: 锦江区}` + "\n"
	src := readMinimal(t)
	if !strings.Contains(src, county) {
		t.Fatalf("fixture lacks %q", county)
	}
	block := `  - code: "510104"` + "\n    name: 锦江区\n    towns:\n"
	for _, tw := range towns {
		block += "      - " + tw + "\n"
	}
	return []byte(strings.Replace(src, county, block, 1))
}

func TestTownsInThePlan(t *testing.T) {
	good := `{code: "510104020", name: 书院街街道, ref: 四(一)}`
	tests := []struct {
		name     string
		towns    []string
		wantLine int
		wantMsg  string // "" = accepted
	}{
		{"a well-formed town", []string{good}, 0, ""},
		{"prefix of another county", []string{`{code: "510105020", name: 某街道, ref: 四(一)}`}, 43, "与所属县（市、区）代码 510104 不一致"},
		{"eight digits", []string{`{code: "51010402", name: 某街道, ref: 四(一)}`}, 43, "应为9位数字"},
		{"twelve digits", []string{`{code: "510104020000", name: 某街道, ref: 四(一)}`}, 43, "去掉末3位"},
		{"county code padded with 000", []string{`{code: "510104000", name: 某街道, ref: 四(一)}`}, 43, "末3位为000"},
		{"duplicate code", []string{good, good}, 44, "重复"},
		{"no name", []string{`{code: "510104020", ref: 四(一)}`}, 43, "名称为空"},
		{"no ref", []string{`{code: "510104020", name: 书院街街道}`}, 43, "ref is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse("plan.yaml", withTowns(t, tt.towns...))
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				if got := l.Plan.Counties[0].Towns; len(got) != 1 || got[0].Name != "书院街街道" {
					t.Errorf("towns %+v", got)
				}
				return
			}
			var pe *ProblemsError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want problems", err)
			}
			for _, p := range pe.Problems {
				if p.Line == tt.wantLine && strings.Contains(p.Message, tt.wantMsg) {
					return
				}
			}
			t.Errorf("problems %v lack line %d with %q", pe, tt.wantLine, tt.wantMsg)
		})
	}
}
