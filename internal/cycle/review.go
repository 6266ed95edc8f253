package cycle

import (
	"context"
	"math"

	"mfgplan/internal/approval"
	"mfgplan/internal/collect"
	"mfgplan/internal/stats"
)

// Comparison is one element of a submission beside the periods a reviewer
// compares it with. For a monthly 累计 element Month is 当月 and
// PrevMonth the month before's 当月 (环比 compares those); Value is 1–N月累计
// and LastYear the same months a year before (同比). Missing figures are nil.
type Comparison struct {
	Element   string   `json:"element"`
	Name      string   `json:"name"`
	Unit      string   `json:"unit"`
	Value     *float64 `json:"value"`
	LastYear  *float64 `json:"last_year"`
	YoYPct    *float64 `json:"yoy_pct"`
	Month     *float64 `json:"month,omitempty"`
	PrevMonth *float64 `json:"prev_month,omitempty"`
	MoMPct    *float64 `json:"mom_pct,omitempty"`
}

// Review is what a reviewer reads before approving or returning one
// submission: its state, its figures against last period and last year,
// and the rule warnings its import raised.
type Review struct {
	approval.State
	PeriodLabel   string           `json:"period_label"`
	LastYearLabel string           `json:"last_year_label"`
	Values        []Comparison     `json:"values"`
	Findings      collect.Findings `json:"findings"`
}

// Review assembles the review of submission k (in the caller's view).
func (s *Service) Review(ctx context.Context, k approval.Key) (Review, error) {
	st, err := s.approvals.Get(ctx, k)
	if err != nil {
		return Review{}, err
	}
	ds, p, err := s.report(k.Dataset, k.Period)
	if err != nil {
		return Review{}, err
	}
	ly, prev := p.SamePeriodLastYear(), p.Prev()
	periods := []string{p.ID(), ly.ID(), prev.ID(), prev.Prev().ID()}
	vals, err := stats.LoadValues(ctx, s.db, []int64{k.EnterpriseID}, ds.Elements, periods)
	if err != nil {
		return Review{}, err
	}
	rv := Review{State: st, PeriodLabel: p.Label(), LastYearLabel: ly.Label(), Values: make([]Comparison, 0, len(ds.Elements))}
	for _, code := range ds.Elements {
		el := s.cat.Element(code)
		get := func(period string) float64 {
			if v, ok := vals[stats.ValueKey{Enterprise: k.EnterpriseID, Element: code, Period: period}]; ok {
				return v
			}
			return math.NaN()
		}
		c := Comparison{Element: code, Name: el.Name, Unit: el.Unit, Value: num(get(periods[0])), LastYear: num(get(periods[1]))}
		c.YoYPct = growth(c.Value, c.LastYear)
		if p.Type == stats.Monthly && el.Derivable() {
			m, _ := el.CurrentMonth(p.Index, get(periods[0]), get(periods[2]))
			pm, _ := el.CurrentMonth(prev.Index, get(periods[2]), get(periods[3]))
			c.Month, c.PrevMonth = num(m), num(pm)
			c.MoMPct = growth(c.Month, c.PrevMonth)
		}
		rv.Values = append(rv.Values, c)
	}
	rv.Findings, err = s.collect.FirmFindings(ctx, k.EnterpriseID, k.Dataset, k.Period)
	return rv, err
}

// num is v, or nil when it is missing.
func num(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

// growth is (v − base) / |base| in percent, rounded to 0.1; nil without a
// base or when the base is zero.
func growth(v, base *float64) *float64 {
	if v == nil || base == nil || *base == 0 {
		return nil
	}
	g := math.Round((*v-*base)/math.Abs(*base)*1000) / 10
	return &g
}
