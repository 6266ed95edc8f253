package query

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Benchmarks at a configurable scale (see benchScale). The province scale:
//
//	MFGPLAN_BENCH_FIRMS=20000 MFGPLAN_BENCH_MONTHS=60 MFGPLAN_BENCH_ELEMENTS=30 MFGPLAN_BENCH_DIR=/tmp/bench \
//	  go test ./internal/indicator/query -run '^$' -bench . -benchtime 1x
//
// The table benchmark reports p95 over its iterations; run it with more
// (-benchtime 200x) once the database is generated and rebuilt.

func benchService(b *testing.B) (*Service, benchScale) {
	eng := testEngine(b, nil)
	sc := scaleFromEnv()
	db := benchDB(b, eng.Plan, sc)
	return newService(db, eng), sc
}

// ensureBuilt rebuilds analytics when the generated data has not been aggregated yet.
func ensureBuilt(b *testing.B, svc *Service) {
	var n int
	if err := svc.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM analytics_indicator_values`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	if n == 0 {
		if _, err := svc.Analytics.Rebuild(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRebuild(b *testing.B) {
	svc, sc := benchService(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := svc.Analytics.Rebuild(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Rows), "rows")
	}
	b.ReportMetric(float64(sc.Firms), "firms")
}

// BenchmarkIndicatorTable reads the full indicator table for the city and
// each county (the --by county read) for the last generated month.
func BenchmarkIndicatorTable(b *testing.B) {
	svc, sc := benchService(b)
	ensureBuilt(b, svc)
	ctx := systemCtx()
	q := Params{Period: lastMonth(sc).ID(), By: "county"}
	if _, err := svc.Indicators(ctx, q); err != nil { // warm
		b.Fatal(err)
	}
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := svc.Indicators(ctx, q); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
	}
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	b.ReportMetric(float64(durs[len(durs)*95/100].Microseconds())/1000, "p95-ms")
}

func lastMonth(sc benchScale) stats.Period {
	m := sc.Months - 1
	return stats.Period{Type: stats.Monthly, Year: 2021 + m/12, Index: m%12 + 1}
}

// BenchmarkRefreshAfterMonthImport imports the month after the generated
// ones for every enterprise through stats.SaveValues (the import path) and
// times the refresh that the next read runs.
func BenchmarkRefreshAfterMonthImport(b *testing.B) {
	svc, sc := benchService(b)
	ensureBuilt(b, svc)
	cat, err := stats.DefaultCatalog()
	if err != nil {
		b.Fatal(err)
	}
	els := benchElements(cat, sc.Elements)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p := stats.Period{Type: stats.Monthly, Year: 2021 + (sc.Months+i)/12, Index: (sc.Months+i)%12 + 1}
		vals := make([]stats.Value, 0, sc.Firms*len(els))
		for id := int64(1); id <= int64(sc.Firms); id++ {
			for _, el := range els {
				vals = append(vals, stats.Value{EnterpriseID: id, Element: el, Period: p.ID(), Value: float64(1000*p.Index) + float64(id%97) + float64(time.Now().UnixNano()%1000)})
			}
		}
		if err := svc.DB.InTx(ctx, func(tx *store.Tx) error {
			_, err := stats.SaveValues(ctx, tx, vals, fmt.Sprintf("import:bench-%s", p), "bench")
			return err
		}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := svc.Analytics.Refresh(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Units), "units")
	}
}
