package mujun

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"mfgplan/internal/apperr"
)

// BenchmarkValue is a benchmark as used in a run, with the basis it was
// derived from (published value, or which average over how many firms).
type BenchmarkValue struct {
	Indicator string  `json:"indicator"`
	Region    string  `json:"region"` // "city" or a county code
	Value     float64 `json:"value"`
	Min       float64 `json:"min,omitempty"` // minmax scoring only
	Basis     string  `json:"basis"`
}

type minmax struct{ min, max float64 }

// benchmarks are the benchmark values of a run. Values are kept per region
// index (0 for the city, else the county's index) and each graded firm's
// county index is resolved once, so scoring does no map lookups.
type benchmarks struct {
	values     []BenchmarkValue
	byCounty   []bool
	counties   []string // sorted
	firmCounty []int32  // by graded position
	value      [][]float64
	bounds     [][]minmax
}

const cityRegion = "city"

func (b *benchmarks) slot(k, gi int) int {
	if b.byCounty[k] {
		return int(b.firmCounty[gi])
	}
	return 0
}

func (b *benchmarks) forFirm(k, gi int) float64 { return b.value[k][b.slot(k, gi)] }

func (b *benchmarks) minmaxFor(k, gi int) minmax { return b.bounds[k][b.slot(k, gi)] }

// regions lists the region names of an indicator's slots.
func (b *benchmarks) regions(k int) []string {
	if b.byCounty[k] {
		return b.counties
	}
	if len(b.firmCounty) == 0 {
		return nil
	}
	return []string{cityRegion}
}

// computeBenchmarks derives every indicator's benchmark for every region the
// graded firms are in, trying each rule's fallback when it has no data.
func computeBenchmarks(m *Method, inds []Indicator, pop Population, firms []*Firm, graded []int) (*benchmarks, error) {
	current := make([]*Firm, len(graded))
	for gi, i := range graded {
		current[gi] = firms[i]
	}
	var prior []*Firm
	if len(pop.Prior) > 0 {
		prior = gradedFirms(m, pop.Prior, pop.Year-1)
	}
	b := newBenchmarks(inds, current)
	priorSlots := b.countySlots(prior)
	for k := range inds {
		ind := &inds[k]
		regions := b.regions(k)
		if ind.Scoring.Function == "minmax" {
			b.bounds[k] = b.minmaxBounds(k, ind, current)
			for slot, r := range regions {
				mm := b.bounds[k][slot]
				b.values = append(b.values, BenchmarkValue{Indicator: ind.Code, Region: r, Value: mm.max, Min: mm.min,
					Basis: fmt.Sprintf("%d年本区域参评企业最小值—最大值", pop.Year)})
			}
			continue
		}
		b.value[k] = make([]float64, len(regions))
		avg := &averages{r: compileRatio(ind), nCounties: len(b.counties), current: current, prior: prior,
			curSlot: b.firmCounty, prSlot: priorSlots, cache: map[string][]sums{}}
		for slot, r := range regions {
			v, basis, err := resolveBenchmark(ind, &ind.Benchmark, slot, r, pop.Year, avg)
			if err != nil {
				return nil, err
			}
			b.value[k][slot] = v
			b.values = append(b.values, BenchmarkValue{Indicator: ind.Code, Region: r, Value: v, Basis: basis})
		}
	}
	return b, nil
}

// newBenchmarks indexes the counties of the graded firms.
func newBenchmarks(inds []Indicator, current []*Firm) *benchmarks {
	b := &benchmarks{byCounty: make([]bool, len(inds)), value: make([][]float64, len(inds)), bounds: make([][]minmax, len(inds))}
	for k := range inds {
		b.byCounty[k] = inds[k].Benchmark.Region == "county"
	}
	seen := map[string]bool{}
	for _, f := range current {
		if !seen[f.County] {
			seen[f.County] = true
			b.counties = append(b.counties, f.County)
		}
	}
	sort.Strings(b.counties)
	b.firmCounty = b.countySlots(current)
	return b
}

// countySlots maps firms to the county slots of this year's graded firms
// (−1 for a county that has none).
func (b *benchmarks) countySlots(firms []*Firm) []int32 {
	idx := make(map[string]int32, len(b.counties))
	for i, c := range b.counties {
		idx[c] = int32(i)
	}
	out := make([]int32, len(firms))
	for j, f := range firms {
		slot, ok := idx[f.County]
		if !ok {
			slot = -1
		}
		out[j] = slot
	}
	return out
}

// minmaxBounds finds each region's lowest and highest indicator value.
func (b *benchmarks) minmaxBounds(k int, ind *Indicator, current []*Firm) []minmax {
	out := make([]minmax, len(b.regions(k)))
	seen := make([]bool, len(out))
	r := compileRatio(ind)
	for gi, f := range current {
		v, ok := r.of(&f.Values)
		if !ok {
			continue
		}
		v = math.Max(v, 0)
		slot := b.slot(k, gi)
		if !seen[slot] {
			out[slot], seen[slot] = minmax{v, v}, true
		}
		out[slot] = minmax{math.Min(out[slot].min, v), math.Max(out[slot].max, v)}
	}
	return out
}

// sums are Σ numerator, Σ denominator and the count of firms with both.
type sums struct {
	num, den float64
	n        int
}

// averages computes, in one pass per source year and region kind, each
// region's sums of an indicator's numerator and denominator; regions are
// slots (0 for the city, the county index otherwise), so no map is touched
// per firm.
type averages struct {
	r               ratio
	nCounties       int
	current, prior  []*Firm
	curSlot, prSlot []int32 // county slot per firm; −1: a county without graded firms this year
	cache           map[string][]sums
}

func (a *averages) get(year, regionKind string) []sums {
	key := year + "/" + regionKind
	if m, ok := a.cache[key]; ok {
		return m
	}
	firms, slots := a.current, a.curSlot
	if year == "prior" {
		firms, slots = a.prior, a.prSlot
	}
	out := make([]sums, max(a.nCounties, 1))
	for j, f := range firms {
		v := &f.Values
		if math.IsNaN(v[a.r.num]) || math.IsNaN(v[a.r.den]) || v[a.r.den] <= 0 {
			continue
		}
		slot := int32(0)
		if regionKind == "county" {
			if slot = slots[j]; slot < 0 {
				continue
			}
		}
		s := &out[slot]
		s.num, s.den, s.n = s.num+v[a.r.num], s.den+v[a.r.den], s.n+1
	}
	a.cache[key] = out
	return out
}

// resolveBenchmark applies a rule for a region slot, then its fallback chain.
func resolveBenchmark(ind *Indicator, rule *Benchmark, slot int, region string, year int, avg *averages) (float64, string, error) {
	for r := rule; r != nil; r = r.Fallback {
		if v, basis, ok := applyRule(r, slot, region, year, avg); ok {
			if r != rule {
				basis = "（替代规则）" + basis
			}
			return v, basis, nil
		}
	}
	return 0, "", apperr.New(apperr.Invalid, "指标 %s（%s）在 %d 年区域 %s 无法确定基准值：未公布基准值，且无可用于计算平均值的数据", ind.Code, ind.Name, year, region)
}

func applyRule(r *Benchmark, slot int, region string, year int, avg *averages) (float64, string, bool) {
	if r.Rule == "fixed" {
		v, ok := r.Values[strconv.Itoa(year)]
		return v, fmt.Sprintf("公布基准值（%d年）", year), ok
	}
	srcYear := year
	if r.Year == "prior" {
		srcYear = year - 1
	}
	if r.Region == "city" {
		slot, region = 0, cityRegion
	}
	s := avg.get(r.Year, r.Region)[slot]
	k := r.K
	if k == 0 {
		k = 1
	}
	if s.n == 0 || s.num <= 0 || s.den <= 0 {
		return 0, "", false
	}
	v := s.num / s.den * avg.r.mult * k
	return round6(v), fmt.Sprintf("%d年%s参评企业平均值 × %g（%d家，Σ分子÷Σ分母）", srcYear, regionLabel(region), k, s.n), true
}

func regionLabel(region string) string {
	if region == cityRegion {
		return "全市"
	}
	return "县区" + region
}

func multiplier(ind *Indicator) float64 {
	if ind.Multiplier == 0 {
		return 1
	}
	return ind.Multiplier
}

// aggregateRatio is Σ numerator ÷ Σ denominator over firms that have both
// figures (a positive denominator), and how many there were.
func aggregateRatio(ind *Indicator, firms []*Firm) (float64, int) {
	a := &averages{r: compileRatio(ind), current: firms, cache: map[string][]sums{}}
	s := a.get("current", cityRegion)[0]
	if s.n == 0 || s.den <= 0 {
		return 0, 0
	}
	return s.num / s.den * a.r.mult, s.n
}
