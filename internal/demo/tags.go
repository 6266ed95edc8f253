package demo

import (
	"math"
	"sort"
	"time"
)

// tagRow is a designation of a synthetic firm.
type tagRow struct {
	tag, level, from, to string
}

// grant gives tag at level to n firms that are 规上 in year index yi and do
// not hold it yet, preferring those with the lowest rank; each is valid from
// a day between fromYear and the end of year yi, for validYears (0 = open).
func (g *gen) grant(tag, level string, n, yi, fromYear, validYears int, rank func(*firm) float64) {
	var cands []*firm
	for _, f := range g.activeIn(yi) {
		if !f.holds(tag) {
			cands = append(cands, f)
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return rank(cands[a]) < rank(cands[b]) })
	for _, f := range cands[:min(n, len(cands))] {
		from := g.date(max(fromYear, f.entry-1), firstYear+yi)
		f.tags = append(f.tags, g.span(tag, level, from, validYears)...)
	}
}

// span returns the rows of a designation from a date; a fixed-term one is
// renewed at expiry four times in five, as 高新技术企业 re-certify.
func (g *gen) span(tag, level, from string, validYears int) []tagRow {
	if validYears == 0 {
		return []tagRow{{tag: tag, level: level, from: from}}
	}
	var rows []tagRow
	start, _ := time.Parse(time.DateOnly, from)
	for start.Year() <= lastYear {
		end := start.AddDate(validYears, 0, -1)
		rows = append(rows, tagRow{tag: tag, level: level, from: start.Format(time.DateOnly), to: end.Format(time.DateOnly)})
		if g.rng.Float64() >= 0.8 {
			break
		}
		start = end.AddDate(0, 0, 1)
	}
	return rows
}

func (f *firm) holds(tag string) bool {
	for _, t := range f.tags {
		if t.tag == tag {
			return true
		}
	}
	return false
}

// designations grants the dated tags: the 2020 stocks the plan states
// (省级及以上专精特新, 高新技术企业, 绿色工厂, 企业技术中心) held on 2020-12-31,
// and a flow of new ones each later year.
func (g *gen) designations() {
	mid := func(f *firm) float64 { return math.Abs(math.Log(f.rev[0]/12000)) + g.rng.Float64() }
	big := func(f *firm) float64 { return -f.rev[max(0, f.entry-firstYear)] * (0.5 + g.rng.Float64()) }
	tech := func(f *firm) float64 {
		r := g.rng.Float64()
		if f.group == "high_tech" {
			r -= 0.6
		}
		if f.hasRD[max(0, f.entry-firstYear)] {
			r -= 0.4
		}
		return r
	}
	g.grant("zjtx", "province", g.n(float64(g.t.Specialized)), 0, 2017, 0, mid)
	g.grant("high_tech_enterprise", "national", g.n(float64(g.t.HighTechFirms)), 0, 2018, 3, tech)
	g.grant("green_factory", "national", g.n(float64(g.t.GreenNational)), 0, 2018, 0, big)
	g.grant("green_factory", "province", g.n(float64(g.t.GreenProvincial)), 0, 2018, 0, big)
	g.grant("tech_center", "national", g.n(float64(g.t.TechCentersNational)), 0, 2010, 0, big)
	g.grant("tech_center", "province", g.n(float64(g.t.TechCenters-g.t.TechCentersNational)), 0, 2012, 0, big)
	g.grant("tech_center", "city", g.n(40), 0, 2014, 0, tech)
	g.grant("cloud", "", g.n(60), 0, 2019, 0, tech)
	for yi := 1; yi < nYears; yi++ {
		y := firstYear + yi
		g.grant("zjtx", "province", g.n(8), yi, y, 0, mid)
		g.grant("high_tech_enterprise", "national", g.n(15), yi, y, 3, tech)
		g.grant("green_factory", "province", g.n(2), yi, y, 0, big)
		g.grant("smart_factory", "province", g.n(1), yi, y, 0, big)
		g.grant("digital_workshop", "province", g.n(3), yi, y, 0, big)
		g.grant("cloud", "", g.n(40), yi, y, 0, tech)
		g.grant("tech_center", "province", g.n(2), yi, y, 0, tech)
	}
	g.grant("little_giant", "national", g.n(2), 2, 2022, 0, mid)
	g.grant("single_champion", "national", g.n(1), 3, 2023, 0, big)
	g.grant("listed", "", g.n(1), 3, 2023, 0, big)
	g.grant("top500_investment", "", g.n(3), 2, 2021, 0, big)
}
