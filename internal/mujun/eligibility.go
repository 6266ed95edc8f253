package mujun

import (
	"strings"
	"time"
)

// eligibleFirms keeps the firms a method evaluates at all (its population):
// the right scale, in a park when required, and enough land. Firms outside
// the population are not part of the run; firms inside it that are not
// graded get class T with a reason instead.
func eligibleFirms(m *Method, firms []Firm) []*Firm {
	out := make([]*Firm, 0, len(firms))
	for i := range firms {
		if inPopulation(&m.Population, &firms[i]) {
			out = append(out, &firms[i])
		}
	}
	return out
}

func inPopulation(p *Eligibility, f *Firm) bool {
	switch {
	case p.Scale == "above_scale" && !f.AboveScale, p.Scale == "below_scale" && f.AboveScale:
		return false
	case p.RequirePark && f.Park == "":
		return false
	case p.MinLandMu > 0 && (!f.Values.Has(InLand) || f.Values[InLand] < p.MinLandMu):
		return false
	}
	return true
}

// ungradedReason says why an evaluated firm is not graded (class T), or
// returns "" for a firm that is graded.
func ungradedReason(m *Method, f *Firm, year int) string {
	if f.Ungraded != "" {
		return f.Ungraded
	}
	if usesLand(m) && (!f.Values.Has(InLand) || f.Values[InLand] <= 0) {
		return "缺少用地面积，无法计算亩均指标"
	}
	for _, ex := range m.Exempt {
		if matchesExemption(&ex, f, year) {
			return ex.Reason
		}
	}
	return ""
}

func usesLand(m *Method) bool {
	for _, ind := range m.AllIndicators() {
		if ind.Denominator == InLand.Code() || ind.Numerator == InLand.Code() {
			return true
		}
	}
	return false
}

// matchesExemption applies one T rule. Age is counted at the end of the
// evaluated year: a firm established on 2023-03-01 is under 2 years old at
// 2024-12-31.
func matchesExemption(ex *Exemption, f *Firm, year int) bool {
	for _, p := range ex.IndustryPrefixes {
		if strings.HasPrefix(f.Industry, p) {
			return true
		}
	}
	if ex.MinAgeYears <= 0 || f.EstablishedOn == "" {
		return false
	}
	est, err := time.Parse("2006-01-02", f.EstablishedOn)
	if err != nil {
		return false
	}
	yearEnd := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	cutoff := yearEnd.AddDate(0, -int(ex.MinAgeYears*12), 0)
	return est.After(cutoff)
}

// gradedFirms returns the firms of a population that a method grades in a
// year: eligible and not in class T. Prior-year benchmarks average these.
func gradedFirms(m *Method, firms []Firm, year int) []*Firm {
	var out []*Firm
	for _, f := range eligibleFirms(m, firms) {
		if ungradedReason(m, f, year) == "" {
			out = append(out, f)
		}
	}
	return out
}
