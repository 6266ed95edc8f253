package mujun

import (
	"testing"
)

func classCounts(r *Result, group func(*Entry) string) map[string]map[string]int {
	out := map[string]map[string]int{}
	for i := range r.Entries {
		e := &r.Entries[i]
		g := group(e)
		if out[g] == nil {
			out[g] = map[string]int{}
		}
		out[g][e.Class]++
	}
	return out
}

// TestSichuanConstraints scores generated firms; the preset's constraints
// must hold: A ≤ 30%, C ≥ 10% of the graded firms. In the split cases half
// the firms are strong and half weak, so the score lines alone would put
// about half in A and almost none in C: the constraints must bind exactly.
func TestSichuanConstraints(t *testing.T) {
	m := mustPreset(t, "sichuan")
	cases := []struct {
		name   string
		n      int
		seed   uint64
		split  bool
		wantAC [2]int
	}{
		{"three hundred ordinary firms", 300, 1, false, [2]int{}},
		{"four hundred split firms", 411, 2, true, [2]int{123, 42}}, // ⌊0.3×411⌋ = 123, ⌈0.1×411⌉ = 42
		{"small split city", 23, 3, true, [2]int{6, 3}},             // ⌊6.9⌋ = 6, ⌈2.3⌉ = 3
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			firms := generateFirms(tc.n, []string{"511702", "511703", "511722"}, tc.seed)
			for i := range firms {
				if tc.split {
					f := map[bool]float64{true: 8, false: 0.4}[i%2 == 0]
					for _, in := range []Input{InRevenue, InTaxPaid, InRDExpense} {
						firms[i].Values[in] *= f
					}
				}
			}
			r, err := Score(m, Population{Year: 2024, Firms: firms})
			if err != nil {
				t.Fatal(err)
			}
			c := classCounts(r, func(*Entry) string { return "city" })["city"]
			graded := c["A"] + c["B"] + c["C"] + c["D"]
			if graded != tc.n || c["T"] != 0 {
				t.Fatalf("want %d graded firms and no T, got %v", tc.n, c)
			}
			if float64(c["A"]) > 0.30*float64(graded) {
				t.Errorf("A share %d/%d exceeds 30%%", c["A"], graded)
			}
			if float64(c["C"]) < 0.10*float64(graded) {
				t.Errorf("C share %d/%d below 10%%", c["C"], graded)
			}
			if tc.split && (c["A"] != tc.wantAC[0] || c["C"] != tc.wantAC[1]) {
				t.Errorf("binding constraints: want A %d and C %d, got %v", tc.wantAC[0], tc.wantAC[1], c)
			}
			assertClassesFollowRank(t, r)
		})
	}
}

// assertClassesFollowRank checks that no firm has a better class than a
// firm ranked above it in the same group (city-wide here).
func assertClassesFollowRank(t *testing.T, r *Result) {
	t.Helper()
	best := map[string]int{"A": 0, "B": 1, "C": 2, "D": 3}
	byRank := map[int]string{}
	for i := range r.Entries {
		e := &r.Entries[i]
		if e.Class != ClassT {
			byRank[e.RankCity] = e.Class
		}
	}
	prev := -1
	for rk := 1; rk <= len(r.Entries); rk++ {
		c, ok := byRank[rk]
		if !ok {
			continue
		}
		if best[c] < prev {
			t.Fatalf("rank %d has class %s, better than a firm ranked above it", rk, c)
		}
		prev = best[c]
	}
}

// TestHuaianSharesPerCountyAndClassT: 淮安 grades by rank shares within each
// county (A 20%, B to 60%, C to 95%, D the rest) and lists utilities and
// firms under two years as T with their reasons.
func TestHuaianSharesPerCountyAndClassT(t *testing.T) {
	m := mustPreset(t, "huaian")
	firms := generateFirms(200, []string{"511702", "511703"}, 4)
	firms[0].Industry = "4411"            // 电力生产
	firms[1].EstablishedOn = "2023-06-01" // 1.5 years old at 2024-12-31
	firms[2].EstablishedOn = "2022-12-31" // exactly 2 years: graded
	r, err := Score(m, Population{Year: 2024, Firms: firms})
	if err != nil {
		t.Fatal(err)
	}
	if e := entryByID(t, r, 1); e.Class != ClassT || e.Reason != "水、电、气供应企业不参与分类" {
		t.Errorf("utility: got %q %q", e.Class, e.Reason)
	}
	if e := entryByID(t, r, 2); e.Class != ClassT || e.Reason != "投产不满2年" {
		t.Errorf("young firm: got %q %q", e.Class, e.Reason)
	}
	if e := entryByID(t, r, 3); e.Class == ClassT {
		t.Errorf("a firm exactly two years old is graded, got T: %s", e.Reason)
	}
	counts := classCounts(r, func(e *Entry) string { return e.County })
	// 511702 has firms 1,3,…,199: 100 firms, one of them (id 1) T → 99 graded:
	// A ⌊0.2×99⌋ = 19, B ⌊0.6×99⌋ − 19 = 40, C ⌊0.95×99⌋ − 59 = 35, D 99 − 94 = 5.
	if got := counts["511702"]; got["A"] != 19 || got["B"] != 40 || got["C"] != 35 || got["D"] != 5 || got["T"] != 1 {
		t.Errorf("county 511702: got %v", got)
	}
	// 511703 has 100 firms, one (id 2) T → 99 graded, the same split.
	if got := counts["511703"]; got["A"] != 19 || got["D"] != 5 || got["T"] != 1 {
		t.Errorf("county 511703: got %v", got)
	}
	// The benchmark is per county: 2 × the county's current-year average (no 2023 data given).
	for _, b := range r.Benchmarks {
		if b.Region == "city" {
			t.Fatalf("淮安 benchmarks are per county, got a city one: %+v", b)
		}
	}
}

// TestSichuanRescalesWhileLocalIndicatorsEmpty: with the Dazhou local
// indicators empty, a firm at the benchmark on all five unified indicators
// scores 70 raw and 100 after rescaling (× 100/70).
func TestSichuanRescalesWhileLocalIndicatorsEmpty(t *testing.T) {
	m := mustPreset(t, "sichuan")
	if m.Local == nil || m.Local.Status != "empty" || len(m.Local.Indicators) != 0 {
		t.Fatalf("the Dazhou local indicators must ship empty and marked so: %+v", m.Local)
	}
	same := map[Input]float64{InLand: 10, InRevenue: 4000, InTaxPaid: 150, InEmployees: 30, InEnergyTotal: 800, InRDExpense: 60}
	r, err := Score(m, Population{Year: 2024, Firms: []Firm{firm(1, "511702", same), firm(2, "511702", same)}})
	if err != nil {
		t.Fatal(err)
	}
	e := r.Entries[0]
	if !near(e.Subtotal, 70) || !near(e.Total, 100) {
		t.Errorf("want subtotal 70 and total 100, got %v and %v", e.Subtotal, e.Total)
	}
}

func TestMinMaxScoringAndAdjustments(t *testing.T) {
	m := mustPreset(t, "guixia")
	m.Indicators[0].Scoring = Scoring{Function: "minmax", Low: 20, High: 100, Source: "旌德"}
	m.Indicators[0].Benchmark = Benchmark{Region: "city"}
	m.Adjustments = []Adjustment{{Code: "safety", Name: "安全生产", Kind: "penalty", MaxPoints: 5, Source: "t"}}
	mk := func(id int64, tax float64) Firm {
		f := firm(id, "511702", map[Input]float64{InLand: 10, InTaxPaid: tax})
		f.AboveScale = false
		return f
	}
	firms := []Firm{mk(1, 10), mk(2, 60), mk(3, 110)}
	firms[2].Adjustments = []AdjustmentInput{{Code: "safety", Points: 8, Reason: "较大事故"}}
	r, err := Score(m, Population{Year: 2024, Firms: firms})
	if err != nil {
		t.Fatal(err)
	}
	// 亩均税收 1, 6, 11: min 1, max 11. F2: 100 × [20 + 80 × (6−1)/(11−1)] / 100 = 60.
	// F3: 100 − penalty capped at 5 = 95. F1: 20.
	for id, want := range map[int64]float64{1: 20, 2: 60, 3: 95} {
		if e := entryByID(t, r, id); !near(e.Total, want) {
			t.Errorf("F%d total: want %v, got %v", id, want, e.Total)
		}
	}
}

// TestCapMultiplier: with cap_multiplier 1.5, a firm at three times the
// benchmark scores 1.5 × the weight, one at half the benchmark half of it.
func TestCapMultiplier(t *testing.T) {
	m := mustPreset(t, "guixia")
	capAt := 1.5
	m.Indicators[0].Scoring.CapMultiplier = &capAt
	m.Indicators[0].Benchmark = Benchmark{Rule: "fixed", Values: map[string]float64{"2024": 10}, Source: "t"}
	mk := func(id int64, tax float64) Firm {
		f := firm(id, "511702", map[Input]float64{InLand: 10, InTaxPaid: tax})
		f.AboveScale = false
		return f
	}
	r, err := Score(m, Population{Year: 2024, Firms: []Firm{mk(1, 300), mk(2, 50)}})
	if err != nil {
		t.Fatal(err)
	}
	// F1: 300/10 = 30 亩均税收 → 30/10 = 3 → capped 1.5 → 150. F2: 5/10 = 0.5 → 50.
	if e := entryByID(t, r, 1); !near(e.Total, 150) {
		t.Errorf("capped firm: %v", e.Total)
	}
	if e := entryByID(t, r, 2); !near(e.Total, 50) {
		t.Errorf("uncapped firm: %v", e.Total)
	}
}
