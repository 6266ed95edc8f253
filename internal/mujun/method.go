// Package mujun is the 亩均效益综合评价 ("亩均论英雄") engine: methods declared
// as data (indicators, weights, scoring functions, benchmarks, missing-data
// rules, bonus and penalty items, class allocation and the not-graded class T),
// a pure scoring engine over in-memory inputs, and a service that stores each
// yearly run as an immutable, content-addressed snapshot, publishes it, lists
// differentiated factor prices from published classes, and handles appeals.
package mujun

// Method is one evaluation method, versioned: every weight, benchmark and
// share in it carries the source it was taken from, so a published class can
// be traced back to the document that justified it.
type Method struct {
	ID            string       `yaml:"id" json:"id"`
	Version       int          `yaml:"version" json:"version"`
	Name          string       `yaml:"name" json:"name"`
	EffectiveFrom string       `yaml:"effective_from" json:"effective_from"`
	Source        string       `yaml:"source" json:"source"`
	Note          string       `yaml:"note" json:"note,omitempty"`
	Population    Eligibility  `yaml:"population" json:"population"`
	Indicators    []Indicator  `yaml:"indicators" json:"indicators"`
	Local         *LocalSlot   `yaml:"local" json:"local,omitempty"`
	Total         Total        `yaml:"total" json:"total"`
	Adjustments   []Adjustment `yaml:"adjustments" json:"adjustments"`
	Classes       Classes      `yaml:"classes" json:"classes"`
	Exempt        []Exemption  `yaml:"exempt" json:"exempt"`
}

// Eligibility says which firms a method evaluates at all; firms outside it
// are not part of the run (unlike class T, which is listed with its reason).
type Eligibility struct {
	Scale       string  `yaml:"scale" json:"scale"` // above_scale, below_scale or all
	RequirePark bool    `yaml:"require_park" json:"require_park"`
	MinLandMu   float64 `yaml:"min_land_mu" json:"min_land_mu"`
	Source      string  `yaml:"source" json:"source"`
}

// Indicator is one scored item: a ratio of two inputs, its weight, how it is
// scored, against which benchmark, and what a missing value gets.
type Indicator struct {
	Code        string    `yaml:"code" json:"code"`
	Name        string    `yaml:"name" json:"name"`
	Unit        string    `yaml:"unit" json:"unit"`
	Numerator   string    `yaml:"numerator" json:"numerator"`
	Denominator string    `yaml:"denominator" json:"denominator"`
	Multiplier  float64   `yaml:"multiplier" json:"multiplier,omitempty"` // 0 means 1
	Weight      float64   `yaml:"weight" json:"weight"`
	Source      string    `yaml:"source" json:"source"`
	Scoring     Scoring   `yaml:"scoring" json:"scoring"`
	Benchmark   Benchmark `yaml:"benchmark" json:"benchmark"`
	Missing     Missing   `yaml:"missing" json:"missing"`
}

// Scoring is the function turning an indicator value into points.
//   - ratio: weight × value ÷ benchmark, optionally capped at cap_multiplier × weight.
//   - minmax: weight × [low + (high − low) × (x − min)/(max − min)] / 100 over the
//     firms of the benchmark region (旌德: low 20, high 100).
type Scoring struct {
	Function      string   `yaml:"function" json:"function"`
	CapMultiplier *float64 `yaml:"cap_multiplier" json:"cap_multiplier,omitempty"`
	Low           float64  `yaml:"low" json:"low,omitempty"`
	High          float64  `yaml:"high" json:"high,omitempty"`
	Source        string   `yaml:"source" json:"source"`
}

// Benchmark is what a ratio score divides by.
//   - fixed: the published value for the evaluated year (values keyed by year).
//   - average: k × the aggregate ratio (Σ numerator ÷ Σ denominator) of the graded
//     firms of the region (city or county) in the prior or the current year.
//
// Fallback names the rule used when the primary one has no data for the year
// (no published value, no prior-year data); the snapshot records which applied.
type Benchmark struct {
	Rule     string             `yaml:"rule" json:"rule"`
	Values   map[string]float64 `yaml:"values" json:"values,omitempty"`
	K        float64            `yaml:"k" json:"k,omitempty"` // 0 means 1
	Region   string             `yaml:"region" json:"region,omitempty"`
	Year     string             `yaml:"year" json:"year,omitempty"` // prior or current
	Fallback *Benchmark         `yaml:"fallback" json:"fallback,omitempty"`
	Source   string             `yaml:"source" json:"source"`
}

// Missing is the rule for a firm without a value for the indicator:
// average_score gives it the mean score of the firms that have one (黄岩),
// zero gives it nothing.
type Missing struct {
	Rule   string `yaml:"rule" json:"rule"`
	Source string `yaml:"source" json:"source"`
}

// LocalSlot is the share of the weight a province leaves to each city
// (Sichuan: 1–3 地方特色指标 totalling 30). Status "empty" means the city has
// not set them yet; the method's Total rule then says how the remaining
// weights are reported.
type LocalSlot struct {
	Weight     float64     `yaml:"weight" json:"weight"`
	MaxItems   int         `yaml:"max_items" json:"max_items"`
	Status     string      `yaml:"status" json:"status"` // empty or set
	Note       string      `yaml:"note" json:"note"`
	Indicators []Indicator `yaml:"indicators" json:"indicators"`
	Source     string      `yaml:"source" json:"source"`
}

// Total says how item scores become the total. With RescaleTo set, the sum
// of item scores is multiplied by RescaleTo ÷ (sum of the weights in force),
// so a method whose local indicators are not yet set still scores out of 100.
type Total struct {
	RescaleTo float64 `yaml:"rescale_to" json:"rescale_to,omitempty"`
	Note      string  `yaml:"note" json:"note,omitempty"`
}

// Adjustment is a bonus or penalty item entered per firm and year
// (mujun_adjustments), capped at MaxPoints.
type Adjustment struct {
	Code      string  `yaml:"code" json:"code"`
	Name      string  `yaml:"name" json:"name"`
	Kind      string  `yaml:"kind" json:"kind"` // bonus or penalty
	MaxPoints float64 `yaml:"max_points" json:"max_points"`
	Source    string  `yaml:"source" json:"source"`
}

// Classes is the class allocation: by rank shares within a group, or by
// score thresholds, then share constraints enforced within the group.
type Classes struct {
	Rule        string            `yaml:"rule" json:"rule"`   // rank_shares or thresholds
	Group       string            `yaml:"group" json:"group"` // city or county
	Shares      []ClassShare      `yaml:"shares" json:"shares,omitempty"`
	Thresholds  []ClassThreshold  `yaml:"thresholds" json:"thresholds,omitempty"`
	Constraints []ClassConstraint `yaml:"constraints" json:"constraints,omitempty"`
	Source      string            `yaml:"source" json:"source"`
}

// ClassShare is a class's share of the ranked firms, best class first.
type ClassShare struct {
	Class string  `yaml:"class" json:"class"`
	Share float64 `yaml:"share" json:"share"`
}

// ClassThreshold gives a class to firms scoring at least MinScore, best first.
type ClassThreshold struct {
	Class    string  `yaml:"class" json:"class"`
	MinScore float64 `yaml:"min_score" json:"min_score"`
}

// ClassConstraint bounds a class's share of the graded firms of a group.
type ClassConstraint struct {
	Class    string   `yaml:"class" json:"class"`
	MaxShare *float64 `yaml:"max_share" json:"max_share,omitempty"`
	MinShare *float64 `yaml:"min_share" json:"min_share,omitempty"`
	Source   string   `yaml:"source" json:"source"`
}

// Exemption puts firms in class T (evaluated, not graded) with a reason:
// firms of listed industry-code prefixes, or younger than MinAgeYears at the
// end of the evaluated year.
type Exemption struct {
	Reason           string   `yaml:"reason" json:"reason"`
	IndustryPrefixes []string `yaml:"industry_prefixes" json:"industry_prefixes,omitempty"`
	MinAgeYears      float64  `yaml:"min_age_years" json:"min_age_years,omitempty"`
	Source           string   `yaml:"source" json:"source"`
}

// ClassT is the class of evaluated firms that are not graded.
const ClassT = "T"

// AllIndicators returns the unified and the local indicators in scoring order.
func (m *Method) AllIndicators() []Indicator {
	if m.Local == nil {
		return m.Indicators
	}
	out := make([]Indicator, 0, len(m.Indicators)+len(m.Local.Indicators))
	return append(append(out, m.Indicators...), m.Local.Indicators...)
}

// WeightInForce is the sum of the weights of the indicators that are set.
func (m *Method) WeightInForce() float64 {
	var w float64
	for _, ind := range m.AllIndicators() {
		w += ind.Weight
	}
	return w
}
