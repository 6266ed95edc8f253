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

// benchmarks are the benchmark values of a run, looked up per firm.
type benchmarks struct {
	values   []BenchmarkValue
	byCounty []bool
	value    []map[string]float64
	bounds   []map[string]minmax
}

const cityRegion = "city"

func (b *benchmarks) region(k int, f *Firm) string {
	if b.byCounty[k] {
		return f.County
	}
	return cityRegion
}

func (b *benchmarks) forFirm(k int, f *Firm) float64 { return b.value[k][b.region(k, f)] }

func (b *benchmarks) minmaxFor(k int, f *Firm) minmax { return b.bounds[k][b.region(k, f)] }

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
	b := &benchmarks{byCounty: make([]bool, len(inds)), value: make([]map[string]float64, len(inds)), bounds: make([]map[string]minmax, len(inds))}
	for k := range inds {
		ind := &inds[k]
		b.byCounty[k] = ind.Benchmark.Region == "county"
		regions := regionsOf(current, b.byCounty[k])
		if ind.Scoring.Function == "minmax" {
			b.bounds[k] = minmaxBounds(ind, current, b.byCounty[k])
			for _, r := range regions {
				mm := b.bounds[k][r]
				b.values = append(b.values, BenchmarkValue{Indicator: ind.Code, Region: r, Value: mm.max, Min: mm.min,
					Basis: fmt.Sprintf("%d年本区域参评企业最小值—最大值", pop.Year)})
			}
			continue
		}
		b.value[k] = make(map[string]float64, len(regions))
		for _, r := range regions {
			v, basis, err := resolveBenchmark(ind, &ind.Benchmark, r, pop.Year, current, prior)
			if err != nil {
				return nil, err
			}
			b.value[k][r] = v
			b.values = append(b.values, BenchmarkValue{Indicator: ind.Code, Region: r, Value: v, Basis: basis})
		}
	}
	return b, nil
}

// regionsOf lists the regions of the firms, sorted: "city" alone, or counties.
func regionsOf(firms []*Firm, byCounty bool) []string {
	if !byCounty {
		return []string{cityRegion}
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range firms {
		if !seen[f.County] {
			seen[f.County] = true
			out = append(out, f.County)
		}
	}
	sort.Strings(out)
	return out
}

// resolveBenchmark applies a rule for a region, then its fallback chain.
func resolveBenchmark(ind *Indicator, rule *Benchmark, region string, year int, current, prior []*Firm) (float64, string, error) {
	for r := rule; r != nil; r = r.Fallback {
		if v, basis, ok := applyRule(ind, r, region, year, current, prior); ok {
			if r != rule {
				basis = "（替代规则）" + basis
			}
			return v, basis, nil
		}
	}
	return 0, "", apperr.New(apperr.Invalid, "指标 %s（%s）在 %d 年区域 %s 无法确定基准值：未公布基准值，且无可用于计算平均值的数据", ind.Code, ind.Name, year, region)
}

func applyRule(ind *Indicator, r *Benchmark, region string, year int, current, prior []*Firm) (float64, string, bool) {
	if r.Rule == "fixed" {
		v, ok := r.Values[strconv.Itoa(year)]
		return v, fmt.Sprintf("公布基准值（%d年）", year), ok
	}
	src, srcYear := current, year
	if r.Year == "prior" {
		src, srcYear = prior, year-1
	}
	avg, n := aggregateRatio(ind, src, region, r.Region == "county")
	k := r.K
	if k == 0 {
		k = 1
	}
	if n == 0 || avg <= 0 {
		return 0, "", false
	}
	return round6(avg * k), fmt.Sprintf("%d年%s参评企业平均值 × %g（%d家，Σ分子÷Σ分母）", srcYear, regionLabel(region), k, n), true
}

func regionLabel(region string) string {
	if region == cityRegion {
		return "全市"
	}
	return "县区" + region
}

// aggregateRatio is Σ numerator ÷ Σ denominator over the firms of a region
// that have both figures (a positive denominator), and how many there were.
func aggregateRatio(ind *Indicator, firms []*Firm, region string, byCounty bool) (float64, int) {
	num, _ := inputByCode(ind.Numerator)
	den, _ := inputByCode(ind.Denominator)
	var sn, sd float64
	var n int
	for _, f := range firms {
		if byCounty && f.County != region {
			continue
		}
		if f.Values.Has(num) && f.Values.Has(den) && f.Values[den] > 0 {
			sn += f.Values[num]
			sd += f.Values[den]
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	mult := ind.Multiplier
	if mult == 0 {
		mult = 1
	}
	return sn / sd * mult, n
}

// minmaxBounds finds each region's lowest and highest indicator value.
func minmaxBounds(ind *Indicator, firms []*Firm, byCounty bool) map[string]minmax {
	out := map[string]minmax{}
	for _, f := range firms {
		v, ok := indicatorValue(ind, &f.Values)
		if !ok {
			continue
		}
		v = math.Max(v, 0)
		r := cityRegion
		if byCounty {
			r = f.County
		}
		mm, seen := out[r]
		if !seen {
			mm = minmax{v, v}
		}
		out[r] = minmax{math.Min(mm.min, v), math.Max(mm.max, v)}
	}
	return out
}
