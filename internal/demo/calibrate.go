package demo

import (
	"fmt"
	"math"
	"sort"
)

// base2020 creates the 2020 规上 firms and calibrates their revenue and
// profit so that the city aggregates equal the plan's baselines: firm count,
// firms over 1亿元, total revenue split into pillar high-tech, other pillar
// and outside-pillar revenue, total profit with the plan's loss-making share.
func (g *gen) base2020() error {
	total := g.n(float64(g.t.Firms))
	big := g.n(float64(g.t.Big))
	revenue := g.t.revenue() * g.scale
	groupRevenue := map[string]float64{
		"high_tech": revenue * g.t.HighTechShare / 100,
		"pillar":    g.t.Pillar*g.scale - revenue*g.t.HighTechShare/100,
		"other":     revenue - g.t.Pillar*g.scale,
	}
	firmsLeft, bigLeft := total, big
	for i := range g.prof.Groups {
		gs := &g.prof.Groups[i]
		n, nb := int(math.Round(gs.FirmShare*float64(total))), int(math.Round(gs.BigShare*float64(big)))
		if i == len(g.prof.Groups)-1 {
			n, nb = firmsLeft, bigLeft
		}
		firmsLeft, bigLeft = firmsLeft-n, bigLeft-nb
		if err := g.groupFirms(gs, n, nb, groupRevenue[gs.Code]); err != nil {
			return err
		}
	}
	return g.calibrateProfit()
}

// groupFirms creates n firms of which nb are over 1亿元 and scales the big
// firms' revenue above 1亿元 so that the group's revenue equals want.
func (g *gen) groupFirms(gs *groupSpec, n, nb int, want float64) error {
	var small, excess float64
	var bigs []*firm
	for i := 0; i < n; i++ {
		f, err := g.newFirm(gs, firstYear)
		if err != nil {
			return err
		}
		if i < nb {
			f.rev[0] = math.Exp(math.Log(15000) + 1.1*g.rng.NormFloat64())
			excess += f.rev[0]
			bigs = append(bigs, f)
		} else {
			f.rev[0] = threshold + math.Pow(g.rng.Float64(), 1.3)*(bigFirm-threshold-1)
			small += f.rev[0]
		}
		g.firms = append(g.firms, f)
	}
	k := (want - small - bigFirm*float64(nb)) / excess
	if nb == 0 || k <= 0 {
		return fmt.Errorf("demo profile: group %s cannot reach %.0f万元 with %d firms (%d over 1亿元)", gs.Code, want, n, nb)
	}
	for _, f := range bigs {
		f.rev[0] = bigFirm + f.rev[0]*k
	}
	return nil
}

// calibrateProfit gives the plan's share of 2020 firms a loss and scales the
// other margins so that total profit equals the plan's 利润总额.
func (g *gen) calibrateProfit() error {
	losers := g.n(g.t.LossShare / 100 * float64(g.t.Firms))
	var loss, gain float64
	for i, j := range g.rng.Perm(len(g.firms)) {
		f := g.firms[j]
		if i < losers {
			f.margin[0] = -(0.01 + 0.07*g.rng.Float64())
			loss += f.rev[0] * f.margin[0]
			continue
		}
		f.margin[0] = math.Max(0.005, 0.075+0.035*g.rng.NormFloat64())
		gain += f.rev[0] * f.margin[0]
	}
	k := (g.t.Profit*g.scale - loss) / gain
	if k <= 0 {
		return fmt.Errorf("demo: cannot calibrate profit to %.0f万元", g.t.Profit*g.scale)
	}
	for _, f := range g.firms {
		if f.margin[0] > 0 {
			f.margin[0] *= k
		}
	}
	return nil
}

// assignShares sets, for year index yi, the yes/no attributes (R&D
// activity, digital R&D tools, service-oriented manufacturing) on the
// wanted share of the year's firms: those with the lowest persistent key
// (weighted toward big and high-tech firms), so the sets grow over time
// instead of being redrawn each year.
func (g *gen) assignShares(yi int, firms []*firm) {
	pick := func(share float64, key func(*firm) float64, set func(*firm)) {
		sorted := append([]*firm(nil), firms...)
		sort.SliceStable(sorted, func(a, b int) bool { return key(sorted[a]) < key(sorted[b]) })
		for _, f := range sorted[:int(math.Round(share/100*float64(len(firms))))] {
			set(f)
		}
	}
	p := g.progress(yi)
	weight := func(f *firm) float64 {
		w := 1.0
		if f.rev[yi] >= bigFirm {
			w *= 2
		}
		if f.group == "high_tech" {
			w *= 3
		}
		return w
	}
	pick(g.t.RDCoverage+(g.t.RDCoverage25-g.t.RDCoverage)*p, func(f *firm) float64 { return f.keyRD / weight(f) },
		func(f *firm) { f.hasRD[yi] = true })
	pick(g.t.Digital+(g.t.Digital25-g.t.Digital)*p, func(f *firm) float64 { return f.keyDig / math.Sqrt(weight(f)) },
		func(f *firm) { f.digital[yi] = true })
	pick(g.t.Service+(g.t.Service25-g.t.Service)*p, func(f *firm) float64 { return f.keySvc },
		func(f *firm) { f.service[yi] = true })
}

// progress is the share of the plan's 2020→2025 step reached by year index yi.
func (g *gen) progress(yi int) float64 { return g.prof.Progress * float64(yi) }

// calibrateRD sets R&D expense shares for the year's R&D firms so that
// R&D / revenue equals the plan's baseline moved by progress toward 1%.
func (g *gen) calibrateRD(yi int, firms []*firm, intensity float64) {
	var rev, raw float64
	for _, f := range firms {
		rev += f.rev[yi]
		if f.hasRD[yi] {
			f.rdShare[yi] = 0.003 + 0.02*g.rng.Float64()
			raw += f.rev[yi] * f.rdShare[yi]
		}
	}
	if raw == 0 {
		return
	}
	k := intensity / 100 * rev / raw
	for _, f := range firms {
		f.rdShare[yi] *= k
	}
}

// calibrateNC sets key-process NC rates: a continuing firm keeps its rate
// plus the year's step, a new one draws around the mean; then all are
// shifted so the mean over the year's firms is the wanted one (within 5–98).
func (g *gen) calibrateNC(yi int, firms []*firm, mean, step float64) {
	for _, f := range firms {
		if yi > 0 && f.active(firstYear+yi-1) {
			f.nc[yi] = f.nc[yi-1] + step + 3*g.rng.NormFloat64()
		} else {
			f.nc[yi] = mean + 15*g.rng.NormFloat64()
		}
	}
	for range 5 {
		sum := 0.0
		for _, f := range firms {
			sum += f.nc[yi]
		}
		shift := mean - sum/float64(len(firms))
		for _, f := range firms {
			f.nc[yi] = math.Min(98, math.Max(5, f.nc[yi]+shift))
		}
	}
}
