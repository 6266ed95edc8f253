package demo

import (
	"fmt"
	"math"

	"mfgplan/internal/stats"
)

// totals are a firm's figures for a whole year, by data element code.
func (g *gen) totals(f *firm, yi int) map[string]float64 {
	r, rev := f.ratios, f.rev[yi]
	gross := rev * r.gross
	energy := rev * r.energy
	c := g.prof.Coefficients
	fixed := rev * r.invest
	flag := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	return map[string]float64{
		"revenue": rev, "profit": rev * f.margin[yi], "gross_output": gross, "value_added": gross * r.va,
		"tax_payable": rev * r.tax, "tax_paid": rev * r.tax * r.paid,
		"energy_total": energy, "energy_coal": energy * r.coal / c.Coal, "energy_gas": energy * r.gas / c.Gas,
		"energy_power":     energy * r.power / c.Power,
		"employees":        math.Max(8, math.Round(rev/r.productivity)),
		"fixed_investment": fixed, "tech_investment": fixed * r.tech, "export_value": rev * r.export,
		"rd_expense": rev * f.rdShare[yi], "has_rd": flag(f.hasRD[yi]), "pollutant_emission": energy * r.pollution,
		"land_area": f.land, "digital_rd_tools": flag(f.digital[yi]), "nc_key_process_rate": f.nc[yi],
		"service_mfg": flag(f.service[yi]),
	}
}

// emitFunc receives one value: the firm's index, element, period and value.
type emitFunc func(firm int, element, period string, value float64) error

// series emits, for every firm and year it is 规上, the yearly dataset's
// values and the monthly dataset's values for each month (1–N月累计 for
// cumulative elements, the year-to-date average for averaged ones). The
// December cumulative equals the yearly figure. Elements the generator does
// not know are returned, not invented.
func (g *gen) series(cat *stats.Catalog, emit emitFunc) ([]string, error) {
	monthly, yearly := cat.Dataset("monthly"), cat.Dataset("yearly")
	if monthly == nil || yearly == nil {
		return nil, fmt.Errorf("demo: the catalog lacks the monthly or yearly dataset")
	}
	skipped := map[string]bool{}
	for i, f := range g.firms {
		for yi := 0; yi < nYears; yi++ {
			if !f.active(firstYear + yi) {
				continue
			}
			tot := g.totals(f, yi)
			year := fmt.Sprint(firstYear + yi)
			for _, code := range yearly.Elements {
				v, ok := tot[code]
				if !ok {
					skipped[code] = true
					continue
				}
				if err := emit(i, code, year, round(cat.Element(code), v)); err != nil {
					return nil, err
				}
			}
			if err := g.months(cat, monthly.Elements, i, firstYear+yi, tot, skipped, emit); err != nil {
				return nil, err
			}
		}
	}
	var out []string
	for k := range skipped {
		out = append(out, k)
	}
	return out, nil
}

// months splits a firm's yearly totals over the months by seasonal weights.
func (g *gen) months(cat *stats.Catalog, elements []string, i, year int, tot map[string]float64, skipped map[string]bool, emit emitFunc) error {
	var w [12]float64
	sum := 0.0
	for m := range w {
		w[m] = g.prof.Season[m] * math.Max(0.5, 1+0.06*g.rng.NormFloat64())
		sum += w[m]
	}
	cum := 0.0
	for m := 0; m < 12; m++ {
		cum += w[m] / sum
		period := fmt.Sprintf("%04d-%02d", year, m+1)
		for _, code := range elements {
			v, ok := tot[code]
			if !ok {
				skipped[code] = true
				continue
			}
			el := cat.Element(code)
			switch {
			case el.Aggregation == "average":
				v *= 1 + 0.02*float64(11-m)/11*math.Sin(float64(i+m))
			case el.Cumulative && m < 11:
				v *= cum
			case !el.Cumulative:
				v *= w[m] / sum
			}
			if err := emit(i, code, period, round(el, v)); err != nil {
				return err
			}
		}
	}
	return nil
}

// round keeps integers whole and other figures to one decimal (0.1万元).
func round(el *stats.Element, v float64) float64 {
	if el.ValueType == stats.Integer || el.ValueType == stats.Bool {
		return math.Round(v)
	}
	return math.Round(v*10) / 10
}
