package project

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mfgplan/internal/access"
	"mfgplan/internal/collect"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// Benchmarks at a configurable scale; the province scale of the issue is
//
//	MFGPLAN_BENCH_PROJECTS=5000 MFGPLAN_BENCH_MONTHS=60 go test ./internal/project -run '^$' -bench . -benchtime 1x
//
// (defaults: 300 projects × 12 months). Each benchmark generates its own
// SQLite store: projects under construction in every county, a yearly plan
// and a monthly 累计 for every month, the 前期手续 checklist.

type benchScale struct{ projects, months int }

func benchScaleFromEnv() benchScale {
	sc := benchScale{projects: 300, months: 12}
	if v, err := strconv.Atoi(os.Getenv("MFGPLAN_BENCH_PROJECTS")); err == nil && v > 0 {
		sc.projects = v
	}
	if v, err := strconv.Atoi(os.Getenv("MFGPLAN_BENCH_MONTHS")); err == nil && v > 0 {
		sc.months = v
	}
	return sc
}

// benchLast is the last generated month: the benchmarks' "now" is the
// month after it.
var benchLast = Month{2025, 12}

func benchService(b *testing.B) (*Service, benchScale) {
	b.Helper()
	sc := benchScaleFromEnv()
	db := storetest.SQLite(b)
	s := newService(b, db)
	s.now = func() time.Time { return time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC) }
	start := time.Now()
	if err := benchGenerate(s, sc); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d projects × %d months in %.1fs", sc.projects, sc.months, time.Since(start).Seconds())
	return s, sc
}

// benchGenerate writes the projects in one transaction with multi-row inserts.
func benchGenerate(s *Service, sc benchScale) error {
	ctx := access.With(context.Background(), access.System)
	first := Month{benchLast.Year, benchLast.Month}
	for range sc.months - 1 {
		first = first.Prev()
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		var invRows [][]any
		for i := 0; i < sc.projects; i++ {
			c := s.plan.Counties[i%len(s.plan.Counties)]
			total := float64(10000 + i%50*1000)
			p := &Project{Name: fmt.Sprintf("基准项目%05d", i), Origin: OriginDemo, County: c.Code, Tier: "county", Kind: "new", Cluster: "energy_chemical",
				Industry: "2614", TotalInvestment: &total, RegisteredOn: first.LastDay().AddDate(0, -1, 0).Format(dateLayout), PlannedStart: first.LastDay().Format(dateLayout),
				Stage: Building, StageOn: first.LastDay().Format(dateLayout), NewLand: true}
			if err := s.insert(ctx, tx, p); err != nil {
				return err
			}
			for _, st := range []struct {
				from, to Stage
			}{{"", Reserve}, {Reserve, Signed}, {Signed, Preparing}, {Preparing, Started}, {Started, Building}} {
				if err := s.insertStage(ctx, tx, p.ID, st.from, st.to, p.RegisteredOn, ""); err != nil {
					return err
				}
			}
			if err := s.syncChecklist(ctx, tx, p); err != nil {
				return err
			}
			pace := []float64{1.05, 0.85, 0.6}[i%3]
			for m, n := first, 0; n < sc.months; m, n = nextMonth(m), n+1 {
				if m.Month == 1 || n == 0 {
					if err := s.saveYearPlan(ctx, tx, p.ID, m.Year, 12000, "bench"); err != nil {
						return err
					}
				}
				invRows = append(invRows, []any{p.ID, m.String(), 1000 * pace * float64(m.Month), "形象进度", "bench", "bench", "2026-01-01T00:00:00Z"})
			}
		}
		return insertRows(ctx, tx, `INSERT INTO project_investments (project_id, period, ytd, progress, source, updated_by, updated_at) VALUES `, 7, invRows)
	})
}

func nextMonth(m Month) Month {
	if m.Month == 12 {
		return Month{m.Year + 1, 1}
	}
	return Month{m.Year, m.Month + 1}
}

func insertRows(ctx context.Context, tx *store.Tx, head string, width int, rows [][]any) error {
	for start := 0; start < len(rows); start += 500 {
		chunk := rows[start:min(start+500, len(rows))]
		args := make([]any, 0, len(chunk)*width)
		for _, r := range chunk {
			args = append(args, r...)
		}
		one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + "),"
		if _, err := tx.Exec(ctx, head+strings.TrimSuffix(strings.Repeat(one, len(chunk)), ","), args...); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkEvaluateLights judges every project for the last month and
// stores the snapshot (the monthly 红黄绿灯 run).
func BenchmarkEvaluateLights(b *testing.B) {
	s, sc := benchService(b)
	ctx := as(cityUser)
	b.ResetTimer()
	for b.Loop() {
		run, err := s.Evaluate(ctx, benchLast.String())
		if err != nil || run.Projects != sc.projects {
			b.Fatalf("%+v, %v", run, err)
		}
	}
	b.ReportMetric(float64(sc.projects), "projects")
}

// BenchmarkLibrary is the library page's read, warm (the month already
// evaluated): a page of 20 sorted by light, filtered by county, with the
// JSON the API writes. It reports the p95 over its iterations.
func BenchmarkLibrary(b *testing.B) {
	s, sc := benchService(b)
	ctx := as(cityUser)
	queries := []Filter{
		{Period: benchLast.String(), Sort: "light", Desc: true, Limit: 20},
		{Period: benchLast.String(), County: xuanhan, Sort: "completion", Limit: 20, Offset: 40},
		{Period: benchLast.String(), Light: LightRed, Sort: "total_investment", Desc: true, Limit: 20},
		{Period: benchLast.String(), Query: "基准项目00", Limit: 20},
	}
	if _, err := s.List(ctx, queries[0]); err != nil { // warm: the month's evaluation
		b.Fatal(err)
	}
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		page, err := s.List(ctx, queries[i%len(queries)])
		if err != nil {
			b.Fatal(err)
		}
		if err := json.NewEncoder(&bytes.Buffer{}).Encode(page); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(sc.projects), "projects")
}

// BenchmarkLedgerImport imports a 项目台账 of every project for the last
// month (one row each) through the import machinery, and re-judges the
// evaluated month.
func BenchmarkLedgerImport(b *testing.B) {
	s, sc := benchService(b)
	ctx := as(cityUser)
	if _, err := s.Evaluate(ctx, benchLast.String()); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.LedgerTemplate(ctx, &buf, benchLast.String()); err != nil {
		b.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		b.Fatal(err)
	}
	for r := 2; r <= sc.projects+1; r++ {
		f.SetCellValue(collect.DataSheet, "F"+strconv.Itoa(r), 13000+r)
	}
	var file bytes.Buffer
	if err := f.Write(&file); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := s.ImportLedger(ctx, collect.ImportRequest{FileName: "台账.xlsx", Data: file.Bytes()})
		if err != nil || res.RowsRead != sc.projects {
			b.Fatalf("%+v, %v", res, err)
		}
	}
	b.ReportMetric(float64(sc.projects), "rows")
}
