package indicator

import (
	"fmt"

	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
)

// StretchResult is an indicator judged against its stretch target (力争/争创)
// as well as its target: the stretch figure to date and whether it is met.
type StretchResult struct {
	Target       *float64 `json:"target"`
	TargetText   string   `json:"target_text"`
	TargetToDate *float64 `json:"target_to_date"`
	Met          bool     `json:"met"`
	Reason       string   `json:"reason"`
}

// stretch grades a row against the stretch target of its indicator by the
// same path and bound rules as the target itself; nil when there is none
// or no figure to compare.
func (e *Engine) stretch(r *Row, ind *plan.Indicator, d *Definition, o Org, group string, ep stats.Period, f *unitFacts) *StretchResult {
	s := ind.Target.StretchOf()
	if s == nil || r.Actual == nil {
		return nil
	}
	alt := *ind
	alt.Target = *s
	var probe Row
	if why := e.target(&probe, &alt, d, o, group, ep, f); why != "" {
		return &StretchResult{Target: s.Value, TargetText: s.Describe(ind.Unit), Reason: why}
	}
	band := s.BandAt(*probe.TargetToDate)
	met := band.Side(*r.Actual, precision(&alt)) == 0
	verdict := "尚未达到"
	if met {
		verdict = "已达到"
	}
	return &StretchResult{Target: s.Value, TargetText: s.Describe(ind.Unit), TargetToDate: probe.TargetToDate, Met: met,
		Reason: fmt.Sprintf("力争目标%s：序时%s%s，%s。", s.Describe(ind.Unit), fmtNum(Round(*probe.TargetToDate, 2)), ind.Unit, verdict)}
}
