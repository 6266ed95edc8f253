// Package plan holds a city's five-year manufacturing plan as validated data:
// headline indicators with baselines and targets, industry clusters, chains,
// the spatial layout and the other quantitative targets. It imports nothing
// from storage or HTTP; a plan file is loaded, checked and handed to the rest.
package plan

// Plan is one city's plan as it stands in its YAML file.
type Plan struct {
	ID           string        `yaml:"id" json:"id"`
	Name         string        `yaml:"name" json:"name"`
	NameEn       string        `yaml:"name_en" json:"name_en"`
	Region       Region        `yaml:"region" json:"region"`
	Period       Period        `yaml:"period" json:"period"`
	Source       Source        `yaml:"source" json:"source"`
	Units        []Unit        `yaml:"units" json:"units"`
	Categories   []Category    `yaml:"categories" json:"categories"`
	Indicators   []Indicator   `yaml:"indicators" json:"indicators"`
	Achievements []Achievement `yaml:"achievements" json:"achievements"`
	Clusters     []Cluster     `yaml:"clusters" json:"clusters"`
	Chains       []Chain       `yaml:"chains" json:"chains"`
	Levels       Levels        `yaml:"levels" json:"levels"`
	Counties     []County      `yaml:"counties" json:"counties"`
	// Divisions is the same list as Counties under the name a province's
	// plan uses for its 设区市; a file writes one of the two.
	Divisions   []County      `yaml:"divisions" json:"-"`
	Regions     []NamedRegion `yaml:"regions" json:"regions"`
	Parks       []Park        `yaml:"parks" json:"parks"`
	Layout      Layout        `yaml:"layout" json:"layout"`
	Targets     []Target      `yaml:"targets" json:"targets"`
	Supervision Supervision   `yaml:"supervision" json:"supervision"`
	Evaluation  Evaluation    `yaml:"evaluation" json:"evaluation"`
	Dashboard   Dashboard     `yaml:"dashboard" json:"dashboard"`
}

// Dashboard names what the 驾驶舱 and the cluster, park and chain pages show
// by default, so that no plan's indicator codes are written into the UI:
// the indicator drawn against its target path (Trend), broken down by
// cluster against the clusters' targets (Clusters), by park (Parks), by chain
// node (Chains), and coloured on the map (Map) of the divisions drawn by the
// boundary file web/src/geo/<Boundary>.json. An empty entry hides its chart;
// a plan without a boundary file gets the dashboard without a map.
type Dashboard struct {
	Trend    string `yaml:"trend" json:"trend"`
	Clusters string `yaml:"clusters" json:"clusters"`
	Parks    string `yaml:"parks" json:"parks"`
	Chains   string `yaml:"chains" json:"chains"`
	Map      string `yaml:"map" json:"map"`
	Boundary string `yaml:"boundary" json:"boundary"`
}

// Evaluation names the 亩均效益评价 method and the 差别化 pricing rules the
// plan's region uses by default, so that no region's method is written into
// the code; empty when the plan names none (every request then says which).
type Evaluation struct {
	MujunMethod         string `yaml:"mujun_method" json:"mujun_method"`
	PricingJurisdiction string `yaml:"pricing_jurisdiction" json:"pricing_jurisdiction"`
	Ref                 string `yaml:"ref" json:"ref"`
}

// Region is the place the plan governs, with its GB/T 2260 code and level
// (省, 市 or 县; 市 when the file says none).
type Region struct {
	Code     string `yaml:"code" json:"code"`
	Name     string `yaml:"name" json:"name"`
	Province string `yaml:"province" json:"province"`
	Level    string `yaml:"level" json:"level"`
}

// Period is the plan's span; the baseline year is the year before it starts.
type Period struct {
	Start        int `yaml:"start" json:"start"`
	End          int `yaml:"end" json:"end"`
	BaselineYear int `yaml:"baseline_year" json:"baseline_year"`
}

// Source says which document the plan file transcribes.
type Source struct {
	Title  string `yaml:"title" json:"title"`
	File   string `yaml:"file" json:"file"`
	Status string `yaml:"status" json:"status"`
}

// Unit is a unit of measure that indicators and targets may use.
type Unit struct {
	Code   string `yaml:"code" json:"code"`
	NameEn string `yaml:"name_en" json:"name_en"`
	Kind   string `yaml:"kind" json:"kind"` // amount, percent, count, rate
}

// Category groups the headline indicators as 专栏1 does (规模总量, 创新能力, …).
type Category struct {
	Code   string `yaml:"code" json:"code"`
	Name   string `yaml:"name" json:"name"`
	NameEn string `yaml:"name_en" json:"name_en"`
}

// TargetKind says how a headline target is to be read.
type TargetKind string

const (
	// KindLevel is a value to reach by the target year.
	KindLevel TargetKind = "level"
	// KindCumulative is a 5-year sum, written 【】 in the plan.
	KindCumulative TargetKind = "cumulative"
	// KindGrowth is an average annual growth rate in percent, written [ ] in the plan.
	KindGrowth TargetKind = "growth"
	// KindIncrement is a yearly change in percentage points (年均提高1个百分点):
	// the level to reach in a year is the base plus value × years since it.
	KindIncrement TargetKind = "increment"
	// KindExternal is a target defined outside the plan (全省平均, 完成全省下达目标任务);
	// its value is never invented, only entered later as a reference.
	KindExternal TargetKind = "external"
	// KindPending is a target not set yet (待定): a successor draft carries
	// baselines and actuals but no invented targets.
	KindPending TargetKind = "pending"
)

// Indicator is one row of the headline indicator table (专栏1).
type Indicator struct {
	Code     string          `yaml:"code" json:"code"`
	Name     string          `yaml:"name" json:"name"`
	NameEn   string          `yaml:"name_en" json:"name_en"`
	Category string          `yaml:"category" json:"category"`
	Unit     string          `yaml:"unit" json:"unit"`
	Baseline *Baseline       `yaml:"baseline" json:"baseline"`
	Target   IndicatorTarget `yaml:"target" json:"target"`
	Path     string          `yaml:"path,omitempty" json:"path,omitempty"` // compound or linear; default by unit kind
	Ref      string          `yaml:"ref" json:"ref"`
	Note     string          `yaml:"note,omitempty" json:"note,omitempty"`
}

// Baseline is an indicator's starting value; Year differs from the plan's
// baseline year where the plan says so (the * in 专栏1 marks 2019).
type Baseline struct {
	Value float64 `yaml:"value" json:"value"`
	Year  int     `yaml:"year" json:"year"`
}

// IndicatorTarget is what the plan promises for an indicator: what is
// measured (Kind), the figure (Value, or Fraction when the plan writes one),
// how the actual is compared with it (Bound, with Tolerance for 左右 and
// Upper for a range) and, for 力争/争创, a Stretch target graded alongside.
type IndicatorTarget struct {
	Kind      TargetKind `yaml:"kind" json:"kind"`
	Value     *float64   `yaml:"value" json:"value"`
	Year      int        `yaml:"year" json:"year"`
	Bound     Bound      `yaml:"bound,omitempty" json:"bound,omitempty"`
	Tolerance *float64   `yaml:"tolerance,omitempty" json:"tolerance,omitempty"`
	Upper     *float64   `yaml:"upper,omitempty" json:"upper,omitempty"`
	// FractionText is the fraction as written in the file ("1/3"); Fraction
	// and Value are derived from it when the plan is loaded.
	FractionText string           `yaml:"fraction,omitempty" json:"-"`
	Fraction     *Fraction        `yaml:"-" json:"fraction,omitempty"`
	Stretch      *IndicatorTarget `yaml:"stretch,omitempty" json:"stretch,omitempty"`
	External     string           `yaml:"external,omitempty" json:"external,omitempty"`
	// Text is the plan's own words for the target (超过三分之一).
	Text string `yaml:"text,omitempty" json:"text,omitempty"`
}

// Achievement is a 十三五 figure from 一、发展基础: a value then and now.
type Achievement struct {
	Code      string     `yaml:"code" json:"code"`
	Name      string     `yaml:"name" json:"name"`
	Unit      string     `yaml:"unit" json:"unit"`
	From      *YearValue `yaml:"from,omitempty" json:"from,omitempty"`
	To        YearValue  `yaml:"to" json:"to"`
	GrowthPct *float64   `yaml:"growth_pct,omitempty" json:"growth_pct,omitempty"`
	AnnualPct *float64   `yaml:"annual_pct,omitempty" json:"annual_pct,omitempty"`
	Ref       string     `yaml:"ref" json:"ref"`
}

// YearValue is a value observed in a year.
type YearValue struct {
	Year  int     `yaml:"year" json:"year"`
	Value float64 `yaml:"value" json:"value"`
}
