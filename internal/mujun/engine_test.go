package mujun

import (
	"math"
	"testing"
)

// firm builds a test firm from figures by input code.
func firm(id int64, county string, figures map[Input]float64) Firm {
	f := Firm{ID: id, USCC: "", Name: "企业", County: county, Park: "P1", Industry: "3311", AboveScale: true, Values: NoValues()}
	for in, x := range figures {
		f.Values[in] = x
	}
	return f
}

func mustPreset(t *testing.T, id string) *Method {
	t.Helper()
	lm, err := Preset(id)
	if err != nil {
		t.Fatal(err)
	}
	return lm.Method
}

func entryByID(t *testing.T, r *Result, id int64) *Entry {
	t.Helper()
	for i := range r.Entries {
		if r.Entries[i].EnterpriseID == id {
			return &r.Entries[i]
		}
	}
	t.Fatalf("enterprise %d not in result", id)
	return nil
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// TestHuangyan2022 scores four hand-made firms with 黄岩's published 2022
// benchmarks (亩均税收 24.097, 亩均增加值 136.16, 单位能耗增加值 2.694,
// 单位排放增加值 4929.81, 全员劳动生产率 18.14, R&D占比 0.0302; weights
// 30/20/20/10/10/10). Every expected number below is worked by hand.
func TestHuangyan2022(t *testing.T) {
	m := mustPreset(t, "zhejiang_huangyan")
	pop := Population{Year: 2022, Firms: []Firm{
		// F1: land 10, tax 240.97, VA 1361.6, energy 680.8 tce, emission 0.2 t, 80 staff, R&D 30.2 of revenue 1000.
		//   亩均税收 240.97/10 = 24.097 → 24.097/24.097×30 = 30
		//   亩均增加值 1361.6/10 = 136.16 → 136.16/136.16×20 = 20
		//   单位能耗增加值 1361.6/680.8 = 2 → 2/2.694×20 = 14.847810
		//   单位排放增加值 1361.6/0.2 = 6808 → 6808/4929.81×10 = 13.809863
		//   全员劳动生产率 1361.6/80 = 17.02 → 17.02/18.14×10 = 9.382580
		//   R&D占比 30.2/1000 = 0.0302 → 10
		//   total 30+20+14.847810+13.809863+9.382580+10 = 98.040253
		firm(1, "511702", map[Input]float64{InLand: 10, InTaxPaid: 240.97, InValueAdded: 1361.6, InEnergyTotal: 680.8, InPollutant: 0.2, InEmployees: 80, InRDExpense: 30.2, InRevenue: 1000}),
		// F2: no emission figure → that item gets the average score of F1, F3, F4: (13.809863+2.028476+4.056951)/3 = 6.631763.
		//   亩均税收 200/20 = 10 → 10/24.097×30 = 12.449683
		//   亩均增加值 2000/20 = 100 → 100/136.16×20 = 14.688602
		//   单位能耗增加值 2000/1000 = 2 → 14.847810
		//   全员劳动生产率 2000/100 = 20 → 20/18.14×10 = 11.025358
		//   R&D 0/4000 = 0 → 0
		//   total 12.449683+14.688602+14.847810+6.631763+11.025358+0 = 59.643216
		firm(2, "511702", map[Input]float64{InLand: 20, InTaxPaid: 200, InValueAdded: 2000, InEnergyTotal: 1000, InEmployees: 100, InRDExpense: 0, InRevenue: 4000}),
		// F3: 亩均税收 300/5 = 60 → 60/24.097×30 = 74.698095; 亩均增加值 500/5 = 100 → 14.688602;
		//   单位能耗增加值 500/100 = 5 → 5/2.694×20 = 37.119525; 排放 500/0.5 = 1000 → 1000/4929.81×10 = 2.028476;
		//   劳动生产率 500/50 = 10 → 10/18.14×10 = 5.512679; R&D 80/2000 = 0.04 → 0.04/0.0302×10 = 13.245033
		//   total 147.292410
		firm(3, "511702", map[Input]float64{InLand: 5, InTaxPaid: 300, InValueAdded: 500, InEnergyTotal: 100, InPollutant: 0.5, InEmployees: 50, InRDExpense: 80, InRevenue: 2000}),
		// F4: no R&D figure → 0 (黄岩's average rule covers emissions only).
		//   亩均税收 8/8 = 1 → 1/24.097×30 = 1.244968; 亩均增加值 160/8 = 20 → 2.937720; 能耗 160/160 = 1 → 7.423905;
		//   排放 160/0.08 = 2000 → 4.056951; 劳动生产率 160/40 = 4 → 2.205072; total 17.868616
		firm(4, "511702", map[Input]float64{InLand: 8, InTaxPaid: 8, InValueAdded: 160, InEnergyTotal: 160, InPollutant: 0.08, InEmployees: 40, InRevenue: 800}),
		// F5: no land figure → class T with its reason.
		firm(5, "511702", map[Input]float64{InTaxPaid: 50, InValueAdded: 100}),
	}}
	below := firm(6, "511702", map[Input]float64{InLand: 10, InTaxPaid: 10})
	below.AboveScale = false // 规下: outside a 规上 method
	pop.Firms = append(pop.Firms, below)

	r, err := Score(m, pop)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Entries) != 5 {
		t.Fatalf("want 5 entries (the 规下 firm is outside the method), got %d", len(r.Entries))
	}
	want := []struct {
		id           int64
		total        float64
		rank         int
		class        string
		emissionItem float64
	}{
		{3, 147.292410, 1, "A", 2.028476},
		{1, 98.040253, 2, "B", 13.809863},
		{2, 59.643216, 3, "C", 6.631763},
		{4, 17.868616, 4, "D", 4.056951},
	}
	for _, w := range want {
		e := entryByID(t, r, w.id)
		if !near(e.Total, w.total) || e.RankCity != w.rank || e.Class != w.class || !near(e.Items[3].Score, w.emissionItem) {
			t.Errorf("F%d: got total %.6f rank %d class %s emission score %.6f; want %.6f %d %s %.6f",
				w.id, e.Total, e.RankCity, e.Class, e.Items[3].Score, w.total, w.rank, w.class, w.emissionItem)
		}
	}
	if e := entryByID(t, r, 2); !e.Items[3].Missing || e.ItemNote(3) == "" {
		t.Errorf("F2's missing emission item must be marked and explained: %+v", e.Items[3])
	}
	if e := entryByID(t, r, 5); e.Class != ClassT || e.Reason != "缺少用地面积，无法计算亩均指标" {
		t.Errorf("F5: want class T for missing land, got %q %q", e.Class, e.Reason)
	}
	if b := r.Benchmarks[0]; b.Value != 24.097 || b.Basis != "公布基准值（2022年）" {
		t.Errorf("亩均税收 benchmark: got %+v", b)
	}
}

func TestHuangyanFallsBackToPriorYearAverage(t *testing.T) {
	m := mustPreset(t, "zhejiang_huangyan")
	prior := []Firm{
		firm(1, "511702", map[Input]float64{InLand: 10, InTaxPaid: 100}),
		firm(2, "511702", map[Input]float64{InLand: 30, InTaxPaid: 500}),
	}
	cur := []Firm{firm(1, "511702", map[Input]float64{InLand: 10, InTaxPaid: 150, InValueAdded: 10, InEnergyTotal: 1, InEmployees: 1, InRevenue: 10, InRDExpense: 1, InPollutant: 1})}
	prior[0].Values = cur[0].Values // every indicator has prior data
	prior[0].Values[InTaxPaid] = 100
	r, err := Score(m, Population{Year: 2024, Firms: cur, Prior: prior})
	if err != nil {
		t.Fatal(err)
	}
	// 2023 亩均税收 average = (100 + 500) / (10 + 30) = 15 → 150/10 = 15 → 15/15×30 = 30.
	if b := r.Benchmarks[0]; b.Value != 15 {
		t.Fatalf("want the 2023 average 15 as 2024 benchmark, got %+v", b)
	}
	if s := r.Entries[0].Items[0].Score; !near(s, 30) {
		t.Errorf("亩均税收 score: want 30, got %v", s)
	}
}

func TestScoreFailsWithoutAnyBenchmark(t *testing.T) {
	m := mustPreset(t, "zhejiang_huangyan")
	cur := []Firm{firm(1, "511702", map[Input]float64{InLand: 10})}
	if _, err := Score(m, Population{Year: 2024, Firms: cur}); err == nil {
		t.Fatal("want an error: no 2024 benchmark is published and there are no data to average")
	}
}
