package mujun

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"mfgplan/internal/access"
)

// GroupCount is the class distribution of one county.
type GroupCount struct {
	County string             `json:"county"`
	Graded int                `json:"graded"`
	Counts map[string]int     `json:"counts"`
	Shares map[string]float64 `json:"shares"`
}

// Distribution is a run's class distribution by county and over all the
// counties the caller may see.
type Distribution struct {
	Run      Run          `json:"run"`
	Counties []GroupCount `json:"counties"`
	All      GroupCount   `json:"all"`
	Unit     string       `json:"unit"`
	Period   string       `json:"period"`
	Note     string       `json:"note"`
}

// Distribution counts a run's classes per county within the caller's scope.
// Shares are of the graded firms (class T is counted, not shared).
func (s *Service) Distribution(ctx context.Context, runID int64) (Distribution, error) {
	run, err := s.GetRun(ctx, runID)
	if err != nil {
		return Distribution{}, err
	}
	scope, sargs := access.From(ctx).View.EnterpriseFilter("e")
	rows, err := s.DB.Query(ctx, `SELECT x.county_code, x.class, COUNT(*) FROM mujun_entries x JOIN enterprises e ON e.id = x.enterprise_id
		WHERE x.run_id = ? AND `+scope+` GROUP BY x.county_code, x.class ORDER BY x.county_code, x.class`, append([]any{runID}, sargs...)...)
	if err != nil {
		return Distribution{}, fmt.Errorf("counting classes of run %d: %w", runID, err)
	}
	defer rows.Close()
	d := Distribution{Run: run, All: GroupCount{County: "all", Counts: map[string]int{}}, Unit: "家；占比为占参评（不含T类）企业之比", Period: strconv.Itoa(run.Year),
		Note: "T类为参评但不分类的企业，原因见各企业条目"}
	byCounty := map[string]*GroupCount{}
	for rows.Next() {
		var county, class string
		var n int
		if err := rows.Scan(&county, &class, &n); err != nil {
			return Distribution{}, fmt.Errorf("counting classes of run %d: %w", runID, err)
		}
		g := byCounty[county]
		if g == nil {
			g = &GroupCount{County: county, Counts: map[string]int{}}
			byCounty[county] = g
		}
		g.Counts[class] += n
		d.All.Counts[class] += n
	}
	if err := rows.Err(); err != nil {
		return Distribution{}, err
	}
	for _, g := range byCounty {
		d.Counties = append(d.Counties, *g)
	}
	sort.Slice(d.Counties, func(i, j int) bool { return d.Counties[i].County < d.Counties[j].County })
	for i := range d.Counties {
		fillShares(&d.Counties[i])
	}
	fillShares(&d.All)
	return d, nil
}

func fillShares(g *GroupCount) {
	g.Graded = 0
	for c, n := range g.Counts {
		if c != ClassT {
			g.Graded += n
		}
	}
	g.Shares = map[string]float64{}
	for c, n := range g.Counts {
		if c != ClassT && g.Graded > 0 {
			g.Shares[c] = math.Round(float64(n)/float64(g.Graded)*10000) / 10000
		}
	}
}

// ParkRow is one park's 亩均 figures in a run, for 标准地 control.
type ParkRow struct {
	Rank         int     `json:"rank"`
	Park         string  `json:"park"`
	Name         string  `json:"name"`
	County       string  `json:"county"`
	Firms        int     `json:"firms"`
	Land         float64 `json:"land_mu"`
	RevenuePerMu float64 `json:"revenue_per_mu"`
	TaxPerMu     float64 `json:"tax_per_mu"`
	AverageTotal float64 `json:"average_total"`
	ShareA       float64 `json:"share_a"`
}

// ParkRanking is the parks of a run ranked by 亩均税收.
type ParkRanking struct {
	Run    Run       `json:"run"`
	Items  []ParkRow `json:"items"`
	Unit   string    `json:"unit"`
	Period string    `json:"period"`
}
