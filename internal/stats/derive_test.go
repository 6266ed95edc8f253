package stats

import (
	"math"
	"strings"
	"testing"
)

func TestMonthsFromCumulative(t *testing.T) {
	cat, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	for _, tc := range []struct {
		name    string
		element string
		cum     []float64
		want    []float64
	}{
		{"sum: differences of 累计", "revenue", []float64{100, 250, 450}, []float64{100, 150, 200}},
		{"a missing month leaves two gaps", "revenue", []float64{100, nan, 450, 600}, []float64{100, nan, nan, 150}},
		{"average: 1–N月平均人数", "employees", []float64{100, 110, 120}, []float64{100, 120, 140}},
		{"not cumulative: nothing derived", "rd_expense", []float64{5, 6}, []float64{nan, nan}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			el := cat.Element(tc.element)
			got := el.MonthsFromCumulative(tc.cum)
			for i := range tc.want {
				if !(got[i] == tc.want[i] || math.IsNaN(got[i]) && math.IsNaN(tc.want[i])) {
					t.Fatalf("当月 = %v, want %v", got, tc.want)
				}
			}
			if el.Derivable() && !math.IsNaN(tc.cum[1]) {
				back := el.CumulativeFromMonths(got)
				for i := range back {
					if math.Abs(back[i]-tc.cum[i]) > 1e-9 {
						t.Fatalf("累计 from 当月 = %v, want %v", back, tc.cum)
					}
				}
			}
		})
	}
}

func TestRulesCheck(t *testing.T) {
	cat, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := DefaultRules(cat)
	if err != nil {
		t.Fatal(err)
	}
	june := MustPeriod("2024-06")
	for _, tc := range []struct {
		name       string
		rec        Record
		wantRule   string
		wantDetail string
	}{
		{"profit above revenue", Record{Period: june, Values: map[string]float64{"revenue": 10, "profit": 20}}, "profit_le_revenue", "利润总额 20万元，营业收入 10万元"},
		{"negative revenue", Record{Period: june, Values: map[string]float64{"revenue": -1}}, "non_negative", "营业收入为 -1"},
		{"累计 falls", Record{Period: june, Values: map[string]float64{"revenue": 90}, Prev: map[string]float64{"revenue": 100}}, "cumulative_not_decreasing", "本月累计 90，上月累计 100"},
		{"当月 jumps", Record{Period: june, Values: map[string]float64{"revenue": 600}, Prev: map[string]float64{"revenue": 200}, Prev2: map[string]float64{"revenue": 100}}, "month_over_month_jump", "当月 400万元，上期 100万元"},
		{"percent above 100", Record{Period: MustPeriod("2024"), Values: map[string]float64{"nc_key_process_rate": 101}}, "max", "最大 100%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var codes []string
			for _, el := range cat.Elements {
				codes = append(codes, el.Code)
			}
			for _, f := range rules.Check(cat, codes, tc.rec) {
				if f.Rule.Code == tc.wantRule && strings.Contains(f.Detail, tc.wantDetail) {
					return
				}
			}
			t.Errorf("no %s finding with %q in %+v", tc.wantRule, tc.wantDetail, rules.Check(cat, codes, tc.rec))
		})
	}
	calm := Record{Period: june, Values: map[string]float64{"revenue": 300, "profit": -5}, Prev: map[string]float64{"revenue": 200, "profit": 3}, Prev2: map[string]float64{"revenue": 100}}
	if fs := rules.Check(cat, []string{"revenue", "profit"}, calm); len(fs) != 0 {
		t.Errorf("a normal month (profit may be negative and fall) gave findings: %+v", fs)
	}
}
