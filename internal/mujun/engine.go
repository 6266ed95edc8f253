package mujun

import (
	"fmt"
	"math"
	"sort"

	"mfgplan/internal/apperr"
)

// Firm is one enterprise's facts for the evaluated year, as the engine needs them.
type Firm struct {
	ID            int64
	USCC          string
	Name          string
	County        string
	Park          string
	Cluster       string
	Industry      string
	EstablishedOn string // YYYY-MM-DD or empty
	AboveScale    bool   // 规上 in the evaluated year
	Values        Values
	Adjustments   []AdjustmentInput
	// Ungraded, when set by the caller, puts the firm in class T with this
	// reason (e.g. its data for the year is not approved).
	Ungraded string
}

// AdjustmentInput is a bonus or penalty entered for a firm and year.
type AdjustmentInput struct {
	Code   string  `json:"code"`
	Points float64 `json:"points"`
	Reason string  `json:"reason"`
}

// Population is what a run scores: the eligible firms of the year and, for
// benchmarks on the prior year, the eligible firms of the prior year.
type Population struct {
	Year  int
	Firms []Firm
	Prior []Firm
}

// Item is one indicator of one firm in a result.
// It holds no pointers, so that the garbage collector need not scan the
// millions of items of a nation-scale run; the item's code and, for a
// missing value, its note live in the entry's labels (see ItemCode).
type Item struct {
	Value     float64
	Benchmark float64
	Score     float64
	Missing   bool
}

// itemLabels name a run's items: the indicator codes and, per indicator, the
// note a missing value carries. One is shared by all entries of a run.
type itemLabels struct {
	codes, notes []string
}

// AppliedAdjustment is a bonus (+) or penalty (−) as counted in the total.
type AppliedAdjustment struct {
	Code   string  `json:"code"`
	Points float64 `json:"points"`
	Reason string  `json:"reason,omitempty"`
}

// Entry is one firm's result.
type Entry struct {
	EnterpriseID int64  `json:"enterprise_id"`
	USCC         string `json:"uscc"`
	Name         string `json:"name"`
	County       string `json:"county"`
	Park         string `json:"park"`
	Cluster      string `json:"cluster"`
	Industry     string `json:"industry"`
	Inputs       Values `json:"inputs"`
	Items        []Item `json:"-"` // written last, with their labels
	labels       *itemLabels
	Adjustments  []AppliedAdjustment `json:"adjustments,omitempty"`
	Subtotal     float64             `json:"subtotal"`
	Total        float64             `json:"total"`
	RankCounty   int                 `json:"rank_county,omitempty"`
	RankCity     int                 `json:"rank_city,omitempty"`
	Class        string              `json:"class"`
	Reason       string              `json:"reason,omitempty"`
}

// ItemCode is the indicator code of item k.
func (e *Entry) ItemCode(k int) string { return e.labels.codes[k] }

// ItemNote explains item k's score when its value is missing, else "".
func (e *Entry) ItemNote(k int) string {
	if !e.Items[k].Missing {
		return ""
	}
	return e.labels.notes[k]
}

// Result is a scored population: the benchmarks used and one entry per firm,
// ordered by enterprise id.
type Result struct {
	Year       int              `json:"year"`
	Benchmarks []BenchmarkValue `json:"benchmarks"`
	Entries    []Entry          `json:"entries"`
}

// Score evaluates a population with a method. It is pure: the same method
// and population give the same result, bit for bit, whatever the order of
// the firms given.
func Score(m *Method, pop Population) (*Result, error) {
	firms := eligibleFirms(m, pop.Firms)
	sort.Slice(firms, func(i, j int) bool { return firms[i].ID < firms[j].ID })
	for i := 1; i < len(firms); i++ {
		if firms[i].ID == firms[i-1].ID {
			return nil, apperr.New(apperr.Invalid, "企业 %d 在 %d 年的评价数据中出现两次", firms[i].ID, pop.Year)
		}
	}
	res := &Result{Year: pop.Year, Entries: make([]Entry, len(firms))}
	graded := make([]int, 0, len(firms))
	for i := range firms {
		res.Entries[i] = newEntry(firms[i])
		if reason := ungradedReason(m, firms[i], pop.Year); reason != "" {
			res.Entries[i].Class, res.Entries[i].Reason = ClassT, reason
			continue
		}
		graded = append(graded, i)
	}
	inds := m.AllIndicators()
	bench, err := computeBenchmarks(m, inds, pop, firms, graded)
	if err != nil {
		return nil, err
	}
	res.Benchmarks = bench.values
	scoreItems(inds, bench, firms, res.Entries, graded)
	totals(m, firms, res.Entries, graded)
	rank(res.Entries, graded)
	allocate(m.Classes, res.Entries, graded)
	return res, nil
}

func newEntry(f *Firm) Entry {
	return Entry{EnterpriseID: f.ID, USCC: f.USCC, Name: f.Name, County: f.County, Park: f.Park,
		Cluster: f.Cluster, Industry: f.Industry, Inputs: f.Values}
}

// ratio is an indicator's formula with its inputs resolved.
type ratio struct {
	num, den Input
	mult     float64
}

func compileRatio(ind *Indicator) ratio {
	num, _ := inputByCode(ind.Numerator)
	den, _ := inputByCode(ind.Denominator)
	return ratio{num, den, multiplier(ind)}
}

// of is the firm's value of the indicator; ok is false when the numerator is
// missing or the denominator is missing or not positive.
func (r ratio) of(v *Values) (float64, bool) {
	if math.IsNaN(v[r.num]) || math.IsNaN(v[r.den]) || v[r.den] <= 0 {
		return 0, false
	}
	return v[r.num] / v[r.den] * r.mult, true
}

// scoreItems fills every graded entry's items, firm by firm (so each
// entry's items are written while in cache), then gives missing items the
// score their missing rule says.
func scoreItems(inds []Indicator, b *benchmarks, firms []*Firm, entries []Entry, graded []int) {
	backing := make([]Item, len(graded)*len(inds))
	labels := &itemLabels{codes: make([]string, len(inds)), notes: make([]string, len(inds))}
	for k := range inds {
		labels.codes[k] = inds[k].Code
	}
	rs := make([]ratio, len(inds))
	minmaxed := make([]bool, len(inds))
	for k := range inds {
		rs[k], minmaxed[k] = compileRatio(&inds[k]), inds[k].Scoring.Function == "minmax"
	}
	sums, counts := make([]float64, len(inds)), make([]int, len(inds))
	missing := false
	for gi, i := range graded {
		items := backing[gi*len(inds) : (gi+1)*len(inds) : (gi+1)*len(inds)]
		entries[i].Items, entries[i].labels = items, labels
		for k := range inds {
			it := &items[k]
			var mm minmax
			if minmaxed[k] {
				mm = b.minmaxFor(k, gi)
				it.Benchmark = mm.max
			} else {
				it.Benchmark = b.forFirm(k, gi)
			}
			v, ok := rs[k].of(&firms[i].Values)
			if !ok {
				it.Missing, missing = true, true
				continue
			}
			it.Value = round6(v)
			it.Score = round6(itemScore(&inds[k], v, it.Benchmark, mm))
			sums[k] += it.Score
			counts[k]++
		}
	}
	if missing {
		fillMissing(inds, labels, entries, graded, sums, counts)
	}
}

// itemScore applies the indicator's scoring function to a present value.
// Negative values (a net tax refund) score nothing rather than less than nothing.
func itemScore(ind *Indicator, v, benchmark float64, mm minmax) float64 {
	if v < 0 {
		v = 0
	}
	if ind.Scoring.Function == "minmax" {
		s := ind.Scoring
		frac := 1.0
		if mm.max > mm.min {
			frac = (v - mm.min) / (mm.max - mm.min)
		}
		return ind.Weight * (s.Low + (s.High-s.Low)*frac) / 100
	}
	ratio := v / benchmark
	if c := ind.Scoring.CapMultiplier; c != nil && ratio > *c {
		ratio = *c
	}
	return ind.Weight * ratio
}

func fillMissing(inds []Indicator, labels *itemLabels, entries []Entry, graded []int, sums []float64, counts []int) {
	for k := range inds {
		labels.notes[k] = "缺少数据，该项计0分"
		if inds[k].Missing.Rule == "average_score" && counts[k] > 0 {
			labels.notes[k] = fmt.Sprintf("缺少数据，按全部参评企业该项平均得分计（%d家）", counts[k])
		}
	}
	for _, i := range graded {
		for k := range entries[i].Items {
			it := &entries[i].Items[k]
			if !it.Missing {
				continue
			}
			if inds[k].Missing.Rule == "average_score" && counts[k] > 0 {
				it.Score = round6(sums[k] / float64(counts[k]))
			}
		}
	}
}

// totals adds the item scores, rescales them when the weights in force are
// below the full mark, and applies bonus and penalty items within their caps.
func totals(m *Method, firms []*Firm, entries []Entry, graded []int) {
	factor := 1.0
	if m.Total.RescaleTo > 0 {
		factor = m.Total.RescaleTo / m.WeightInForce()
	}
	byCode := map[string]*Adjustment{}
	for i := range m.Adjustments {
		byCode[m.Adjustments[i].Code] = &m.Adjustments[i]
	}
	for _, i := range graded {
		e := &entries[i]
		var sub float64
		for _, it := range e.Items {
			sub += it.Score
		}
		e.Subtotal = round6(sub)
		total := sub * factor
		for _, in := range firms[i].Adjustments {
			a, ok := byCode[in.Code]
			if !ok {
				continue
			}
			pts := math.Min(math.Abs(in.Points), a.MaxPoints)
			if a.Kind == "penalty" {
				pts = -pts
			}
			e.Adjustments = append(e.Adjustments, AppliedAdjustment{Code: a.Code, Points: pts, Reason: in.Reason})
			total += pts
		}
		e.Total = round6(total)
	}
}

// round6 keeps six decimals, so that results do not depend on the last bits
// of floating-point arithmetic on a given machine.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
