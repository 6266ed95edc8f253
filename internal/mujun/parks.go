package mujun

import (
	"context"
	"fmt"
	"sort"
	"strconv"
)

// Parks ranks the parks by 亩均税收 over the graded firms of the published
// run of a year and method (the latest run when none is published yet):
// Σ tax ÷ Σ land, with 亩均营业收入, the mean total and the share of class A.
func (s *Service) Parks(ctx context.Context, year int, methodID string) (ParkRanking, error) {
	run, err := s.PublishedRun(ctx, year, methodID)
	if err != nil {
		runs, lerr := s.ListRuns(ctx, year, methodID)
		if lerr != nil || len(runs) == 0 {
			return ParkRanking{}, err
		}
		run = runs[0]
	}
	entries, _, err := scopedEntries(ctx, s.DB, run.ID, EntryFilter{})
	if err != nil {
		return ParkRanking{}, err
	}
	names, err := s.parkNames(ctx)
	if err != nil {
		return ParkRanking{}, err
	}
	type acc struct {
		row              ParkRow
		revenue, tax, sc float64
		a                int
	}
	byPark := map[string]*acc{}
	for i := range entries {
		e := &entries[i]
		if e.Park == "" || e.Class == ClassT {
			continue
		}
		a := byPark[e.Park]
		if a == nil {
			a = &acc{row: ParkRow{Park: e.Park, Name: names[e.Park], County: e.County}}
			byPark[e.Park] = a
		}
		a.row.Firms++
		a.row.Land += e.Inputs[InLand]
		a.revenue += zeroIfMissing(e.Inputs[InRevenue])
		a.tax += zeroIfMissing(e.Inputs[InTaxPaid])
		a.sc += e.Total
		if e.Class == "A" {
			a.a++
		}
	}
	out := ParkRanking{Run: run, Items: []ParkRow{}, Unit: "万元/亩（亩均营业收入、亩均税收），亩，分", Period: strconv.Itoa(year)}
	for _, a := range byPark {
		r := a.row
		r.RevenuePerMu, r.TaxPerMu = round6(a.revenue/r.Land), round6(a.tax/r.Land)
		r.AverageTotal, r.ShareA = round6(a.sc/float64(r.Firms)), round6(float64(a.a)/float64(r.Firms))
		r.Land = round6(r.Land)
		out.Items = append(out.Items, r)
	}
	sort.Slice(out.Items, func(i, j int) bool {
		if out.Items[i].TaxPerMu != out.Items[j].TaxPerMu {
			return out.Items[i].TaxPerMu > out.Items[j].TaxPerMu
		}
		return out.Items[i].Park < out.Items[j].Park
	})
	for i := range out.Items {
		out.Items[i].Rank = i + 1
	}
	return out, nil
}

func (s *Service) parkNames(ctx context.Context) (map[string]string, error) {
	rows, err := s.DB.Query(ctx, `SELECT code, name FROM parks`)
	if err != nil {
		return nil, fmt.Errorf("reading parks: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var c, n string
		if err := rows.Scan(&c, &n); err != nil {
			return nil, fmt.Errorf("reading parks: %w", err)
		}
		out[c] = n
	}
	return out, rows.Err()
}

func zeroIfMissing(x float64) float64 {
	if x != x { // NaN
		return 0
	}
	return x
}
