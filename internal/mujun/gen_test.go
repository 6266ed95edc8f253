package mujun

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// generateFirms makes n plausible 规上 firms spread over counties with
// log-normal figures (a few large firms, many small ones), deterministically.
func generateFirms(n int, counties []string, seed uint64) []Firm {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]Firm, n)
	for i := range out {
		scale := math.Exp(rng.NormFloat64())
		land := 20 + 80*rng.Float64()
		out[i] = Firm{
			ID: int64(i + 1), USCC: fmt.Sprintf("U%05d", i+1), Name: fmt.Sprintf("企业%d", i+1),
			County: counties[i%len(counties)], Park: fmt.Sprintf("P%d", i%5), Cluster: fmt.Sprintf("C%d", i%3),
			Industry: "3311", EstablishedOn: "2010-01-01", AboveScale: true, Values: NoValues(),
		}
		v := &out[i].Values
		v[InLand] = land
		v[InRevenue] = land * 400 * scale * math.Exp(0.3*rng.NormFloat64())
		v[InTaxPaid] = v[InRevenue] * 0.035 * math.Exp(0.4*rng.NormFloat64())
		v[InEmployees] = math.Round(v[InRevenue] / 150 * math.Exp(0.3*rng.NormFloat64()))
		v[InEnergyTotal] = v[InRevenue] / 5 * math.Exp(0.5*rng.NormFloat64())
		v[InRDExpense] = v[InRevenue] * 0.015 * math.Exp(0.6*rng.NormFloat64())
		v[InValueAdded] = v[InRevenue] * 0.28
		v[InPollutant] = v[InValueAdded] / 3000 * math.Exp(0.5*rng.NormFloat64())
		v[InEnergyPower] = v[InEnergyTotal] * 8
		v[InTechInvestment] = v[InRevenue] * 0.02
	}
	return out
}
