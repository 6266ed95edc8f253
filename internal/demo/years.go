package demo

import (
	"math"
)

// activeIn lists the firms that are 规上 in year index yi.
func (g *gen) activeIn(yi int) []*firm {
	var out []*firm
	for _, f := range g.firms {
		if f.active(firstYear + yi) {
			out = append(out, f)
		}
	}
	return out
}

// grow runs the years after 2020: continuing firms grow with the year's
// macro factor and their own noise, a share of small firms leave 规上, and
// new firms enter until the year's count is reached.
func (g *gen) grow() error {
	for _, ys := range g.prof.Years {
		yi := ys.Year - firstYear
		prev := g.activeIn(yi - 1)
		exits := int(math.Round(g.prof.ExitShare * float64(len(prev))))
		for _, j := range g.rng.Perm(len(prev)) {
			f := prev[j]
			if exits > 0 && f.rev[yi-1] < 5000 {
				f.exit = ys.Year - 1
				exits--
				continue
			}
			f.rev[yi] = f.rev[yi-1] * ys.Growth * math.Exp(0.08*g.rng.NormFloat64())
			f.margin[yi] = f.margin[yi-1] + ys.MarginShift/100 + 0.01*g.rng.NormFloat64()
		}
		for n := len(g.activeIn(yi)); n < g.n(float64(ys.Firms)); n++ {
			if err := g.enter(yi); err != nil {
				return err
			}
		}
	}
	return nil
}

// enter adds a firm that becomes 规上 in year index yi: mostly just over the
// threshold, now and then a new large project.
func (g *gen) enter(yi int) error {
	weights := map[string]float64{}
	for _, gs := range g.prof.Groups {
		weights[gs.Code] = gs.FirmShare
	}
	code := g.pickWeighted(weights)
	for i := range g.prof.Groups {
		if g.prof.Groups[i].Code != code {
			continue
		}
		f, err := g.newFirm(&g.prof.Groups[i], firstYear+yi)
		if err != nil {
			return err
		}
		f.rev[yi] = threshold + math.Pow(g.rng.Float64(), 1.5)*6000
		if g.rng.Float64() < 0.06 {
			f.rev[yi] = bigFirm * (1 + 4*g.rng.Float64())
		}
		f.margin[yi] = 0.02 + 0.08*g.rng.Float64()
		g.firms = append(g.firms, f)
	}
	return nil
}

// yearlyShares settles, per year, the attributes calibrated as shares or
// means: yes/no attributes, R&D intensity and the NC rate.
func (g *gen) yearlyShares() {
	for yi := 0; yi < nYears; yi++ {
		firms := g.activeIn(yi)
		p := g.progress(yi)
		g.assignShares(yi, firms)
		g.calibrateRD(yi, firms, g.t.RDIntensity+(g.t.RDIntensity25-g.t.RDIntensity)*p)
		step := 0.0
		if yi > 0 {
			step = (g.t.NC25 - g.t.NC) * g.prof.Progress
		}
		g.calibrateNC(yi, firms, g.t.NC+(g.t.NC25-g.t.NC)*p, step)
	}
	for _, f := range g.firms {
		first := f.entry - firstYear
		f.land = math.Max(5, math.Round(f.rev[first]/(150+450*g.rng.Float64())))
	}
}
