package mujun

import (
	"fmt"
	"io"
	"log/slog"
	"syscall"
	"testing"

	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// nationMethod is a 10-indicator method over every input, benchmarked on
// each county's current-year average, graded by score lines under the
// Sichuan constraints per county: the heaviest shape the engine supports.
func nationMethod() *Method {
	pairs := [][2]Input{
		{InRevenue, InLand}, {InTaxPaid, InLand}, {InRevenue, InEmployees}, {InRevenue, InEnergyTotal}, {InRDExpense, InRevenue},
		{InValueAdded, InLand}, {InValueAdded, InEnergyTotal}, {InValueAdded, InPollutant}, {InValueAdded, InEmployees}, {InTechInvestment, InLand},
	}
	m := &Method{ID: "bench", Version: 1, Population: Eligibility{Scale: "all"}}
	for i, p := range pairs {
		m.Indicators = append(m.Indicators, Indicator{
			Code: fmt.Sprintf("i%d", i), Numerator: p[0].Code(), Denominator: p[1].Code(), Weight: 10,
			Scoring:   Scoring{Function: "ratio"},
			Benchmark: Benchmark{Rule: "average", Region: "county", Year: "current", K: 1},
			Missing:   Missing{Rule: "average_score"},
		})
	}
	a, c := 0.30, 0.10
	m.Classes = Classes{Rule: "thresholds", Group: "county",
		Thresholds:  []ClassThreshold{{"A", 120}, {"B", 80}, {"C", 50}, {"D", 0}},
		Constraints: []ClassConstraint{{Class: "A", MaxShare: &a}, {Class: "C", MinShare: &c}}}
	return m
}

// BenchmarkScore scores and classes 500,000 firms in 2,800 counties on 10
// indicators, from in-memory inputs (go test -bench Score -benchmem -run ^$ ./internal/mujun).
func BenchmarkScore(b *testing.B) {
	counties := make([]string, 2800)
	for i := range counties {
		counties[i] = fmt.Sprintf("%06d", 110101+i)
	}
	firms := generateFirms(500_000, counties, 42)
	m := nationMethod()
	b.ReportAllocs()
	cpu0 := cpuSeconds(b)
	b.ResetTimer()
	for b.Loop() {
		r, err := Score(m, Population{Year: 2024, Firms: firms})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Entries) != len(firms) {
			b.Fatalf("scored %d of %d firms", len(r.Entries), len(firms))
		}
	}
	reportCPUAndMemory(b, cpu0)
}

// reportCPUAndMemory reports CPU time per iteration and the peak RSS. On a
// shared machine wall time depends on the neighbours; CPU time (user +
// system, all threads, GC included) does not.
func reportCPUAndMemory(b *testing.B, cpu0 float64) {
	b.StopTimer()
	b.ReportMetric((cpuSeconds(b)-cpu0)/float64(b.N), "cpu-s/op")
	b.ReportMetric(peakRSSMB(b), "peak-RSS-MB")
}

// cpuSeconds is the process's user + system CPU time so far.
func cpuSeconds(b *testing.B) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// peakRSSMB is the process's peak resident memory (inputs, results and the
// test binary together): an upper bound on what a run needs.
func peakRSSMB(b *testing.B) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return float64(ru.Maxrss) / 1024 // kilobytes on Linux
}

// BenchmarkSnapshotEncode measures turning a 500,000-firm result into its
// canonical snapshot bytes and hash (the store write is measured by
// BenchmarkSnapshotWrite).
func BenchmarkSnapshotEncode(b *testing.B) {
	firms := generateFirms(500_000, []string{"511702", "511703"}, 42)
	lm := &LoadedMethod{Method: nationMethod(), Hash: "bench"}
	r, err := Score(lm.Method, Population{Year: 2024, Firms: firms})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0 := cpuSeconds(b)
	b.ResetTimer()
	for b.Loop() {
		raw, _, err := encodeSnapshot(newSnapshot(lm, r))
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(raw)))
	}
	reportCPUAndMemory(b, cpu0)
}

// BenchmarkSnapshotWrite stores a 100,000-firm run (snapshot and entry rows)
// in SQLite, in one transaction: the write that follows Score in Run.
func BenchmarkSnapshotWrite(b *testing.B) {
	firms := generateFirms(100_000, []string{"511702", "511703"}, 42)
	lm := &LoadedMethod{Method: nationMethod(), Hash: "bench", Raw: []byte("id: bench")}
	r, err := Score(lm.Method, Population{Year: 2024, Firms: firms})
	if err != nil {
		b.Fatal(err)
	}
	raw, hash, err := encodeSnapshot(newSnapshot(lm, r))
	if err != nil {
		b.Fatal(err)
	}
	db := storetest.SQLite(b)
	svc, err := NewService(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	ctx := systemCtx()
	year := 2024
	cpu0 := cpuSeconds(b)
	b.ResetTimer()
	for b.Loop() {
		r.Year = year // a new year each time, so every iteration stores a new run
		year++
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := svc.storeRun(ctx, tx, lm, r, raw, hash, "bench")
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(raw))/1e6, "snapshot-MB")
	reportCPUAndMemory(b, cpu0)
}
