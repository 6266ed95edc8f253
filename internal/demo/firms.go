package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"mfgplan/internal/registry"
)

const (
	firstYear = 2020
	lastYear  = 2025
	nYears    = lastYear - firstYear + 1
	bigFirm   = 10000.0 // 营业收入 1亿元 in 万元
	threshold = 2000.0  // 规上 threshold since 2011: 年主营业务收入 2000万元 (facts.md §5)
)

// firm is one synthetic enterprise with what it reports in each year it is
// 规上 (index year-2020).
type firm struct {
	group         string
	spec          codeSpec
	cluster, sub  string
	county, park  string
	name, uscc    string
	established   string
	entry, exit   int // first and last year 规上 (exit lastYear+1 = never left)
	rev, margin   [nYears]float64
	rdShare       [nYears]float64 // R&D expense as a share of revenue (0 if none)
	nc            [nYears]float64
	hasRD         [nYears]bool
	digital       [nYears]bool
	service       [nYears]bool
	keyRD, keyDig float64 // persistent ranks: lower gets the attribute first
	keySvc        float64
	ratios        ratios
	land          float64
	tags          []tagRow
}

// ratios are a firm's stable proportions between its figures.
type ratios struct {
	gross, va, tax, paid float64
	energy               float64 // tce per 万元
	coal, gas, power     float64
	productivity         float64 // 万元 revenue per employee
	invest, tech, export float64
	pollution            float64 // t per tce
}

func (f *firm) active(y int) bool { return y >= f.entry && y <= f.exit }

// gen carries the random source and the inputs of one generation.
type gen struct {
	rng         *rand.Rand
	prof        *profile
	t           targets
	scale       float64
	classes     *registry.Classification
	imap        *registry.IndustryMap
	parks       map[string][]parkInfo // by county
	countyNames map[string]string
	counter     map[string]int // per county, for names and USCCs
	firms       []*firm
}

type parkInfo struct {
	code     string
	clusters []string
}

func (g *gen) n(x float64) int { return int(math.Round(x * g.scale)) }

// pickCode draws an industry class from a group by weight.
func (g *gen) pickCode(gs *groupSpec) codeSpec {
	total := 0.0
	for _, c := range gs.Codes {
		total += c.Weight
	}
	r := g.rng.Float64() * total
	for _, c := range gs.Codes {
		if r -= c.Weight; r < 0 {
			return c
		}
	}
	return gs.Codes[len(gs.Codes)-1]
}

// pickWeighted draws a key of a weight map, in sorted key order so the
// draw depends only on the seed.
func (g *gen) pickWeighted(w map[string]float64) string {
	keys := make([]string, 0, len(w))
	total := 0.0
	for k, v := range w {
		keys = append(keys, k)
		total += v
	}
	sort.Strings(keys)
	r := g.rng.Float64() * total
	for _, k := range keys {
		if r -= w[k]; r < 0 {
			return k
		}
	}
	return keys[len(keys)-1]
}

// newFirm creates a firm of a group entering 规上 in year entry: its class,
// place, name, USCC and stable ratios. The class must fit the group, so a
// profile edit that breaks the calibration fails loudly.
func (g *gen) newFirm(gs *groupSpec, entry int) (*firm, error) {
	f := &firm{group: gs.Code, spec: g.pickCode(gs), entry: entry, exit: lastYear + 1}
	if _, err := g.classes.CheckIndustryCode(f.spec.Code); err != nil {
		return nil, fmt.Errorf("demo profile: %w", err)
	}
	f.cluster, f.sub, _ = g.imap.Lookup(f.spec.Code)
	ht := g.classes.IsHighTech(f.spec.Code)
	if ok := (gs.Code == "high_tech") == ht && (gs.Code == "other") == (f.cluster == ""); !ok {
		return nil, fmt.Errorf("demo profile: class %s does not fit group %s (high-tech %v, cluster %q)", f.spec.Code, gs.Code, ht, f.cluster)
	}
	countyKey := f.cluster
	if countyKey == "" {
		countyKey = "other"
	}
	f.county = g.pickWeighted(g.prof.Counties[countyKey])
	f.park = g.pickPark(f.county, f.cluster)
	g.counter[f.county]++
	f.name, f.uscc = g.identity(f.county, g.counter[f.county], f.spec.Word)
	f.established = g.date(1995, entry-1)
	f.keyRD, f.keyDig, f.keySvc = g.rng.Float64(), g.rng.Float64(), g.rng.Float64()
	f.ratios = g.newRatios(f.spec.Energy)
	return f, nil
}

func (g *gen) pickPark(county, cluster string) string {
	parks := g.parks[county]
	if len(parks) == 0 || g.rng.Float64() >= g.prof.ParkShare {
		return ""
	}
	// A park that names the firm's cluster is likeliest, a general park
	// next, a park built for other clusters least.
	w := map[string]float64{}
	for _, p := range parks {
		w[p.code] = 1
		if len(p.clusters) > 0 {
			w[p.code] = 0.1
		}
		if slices.Contains(p.clusters, cluster) {
			w[p.code] = 6
		}
	}
	return g.pickWeighted(w)
}

func (g *gen) newRatios(energyClass string) ratios {
	e := g.prof.Energy[energyClass]
	u := func(lo, hi float64) float64 { return lo + g.rng.Float64()*(hi-lo) }
	r := ratios{gross: u(0.95, 1.08), va: u(0.22, 0.34), tax: u(0.02, 0.05), paid: u(0.85, 1),
		energy: u(e.Min, e.Max), coal: e.Coal, gas: e.Gas, power: e.Power,
		productivity: u(60, 220), invest: u(0.01, 0.15), tech: u(0.2, 0.7), pollution: u(0.001, 0.01)}
	if g.rng.Float64() < 0.15 {
		r.export = u(0.05, 0.4)
	}
	return r
}

// date returns a day between Jan 1 of from and Dec 28 of to.
func (g *gen) date(from, to int) string {
	if to < from {
		to = from
	}
	return fmt.Sprintf("%04d-%02d-%02d", from+g.rng.IntN(to-from+1), 1+g.rng.IntN(12), 1+g.rng.IntN(28))
}

// identity gives a visibly synthetic name and a USCC that cannot be real:
// registrar 9 (市场监管) with category 9, which GB 32100 does not define
// under 9 (only 1 企业, 2 个体工商户, 3 农民专业合作社; facts.md §4.1); the
// 组织机构代码 body is "D" and a 7-digit serial, and both check characters
// are computed, so the code passes the format and checksum checks.
func (g *gen) identity(county string, serial int, word string) (name, uscc string) {
	countyName := g.countyNames[county]
	name = fmt.Sprintf("「演示」%s%03d号%s有限公司", countyName, serial, word)
	body := fmt.Sprintf("D%07d", len(g.firms)+1)
	first17 := "99" + county + body + string(registry.OrgCheckChar(body))
	return name, first17 + string(registry.USCCCheckChar(first17))
}
