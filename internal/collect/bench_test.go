package collect_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"

	"mfgplan/internal/collect"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

// A province's month: 20,000 enterprises × 30 data elements.
const (
	benchEnterprises = 20_000
	benchElements    = 30
)

// benchCatalog is the default catalog with its monthly dataset widened to
// 30 elements by synthetic cumulative money elements, so that the default
// validation rules still apply.
func benchCatalog(b *testing.B) *stats.Catalog {
	def, err := stats.DefaultCatalog()
	if err != nil {
		b.Fatal(err)
	}
	for i := range def.Datasets {
		ds := &def.Datasets[i]
		for n := 1; ds.Code == "monthly" && len(ds.Elements) < benchElements; n++ {
			code := fmt.Sprintf("bench_%02d", n)
			def.Elements = append(def.Elements, stats.Element{Code: code, Name: fmt.Sprintf("基准指标%02d", n), Unit: "万元",
				ValueType: stats.Number, Aggregation: "sum", PeriodType: stats.Monthly, Cumulative: true})
			ds.Elements = append(ds.Elements, code)
		}
	}
	raw, err := yaml.Marshal(def)
	if err != nil {
		b.Fatal(err)
	}
	cat, err := stats.ParseCatalog(raw)
	if err != nil {
		b.Fatal(err)
	}
	return cat
}

// benchFile writes month m's report with excelize's stream writer: values
// grow with the month (累计) and keep the balance rules.
func benchFile(b *testing.B, cat *stats.Catalog, ents []testEnt, month int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "数据")
	sw, err := f.NewStreamWriter("数据")
	if err != nil {
		b.Fatal(err)
	}
	ds := cat.Dataset("monthly")
	head := []any{"统一社会信用代码", "企业名称"}
	for _, code := range ds.Elements {
		el := cat.Element(code)
		head = append(head, el.Name+"（"+el.Unit+"）")
	}
	sw.SetRow("A1", head)
	rng := rand.New(rand.NewPCG(1, 2))
	row := make([]any, len(head))
	for i, e := range ents {
		row[0], row[1] = e.uscc, e.name
		base := float64(month) * (1000 + float64(rng.IntN(90000)))
		for j, code := range ds.Elements {
			v := base * (0.02 + 0.01*float64(j%20))
			switch code {
			case "revenue", "gross_output":
				v = base
			case "employees":
				v = float64(50 + rng.IntN(2000))
			}
			row[j+2] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// cpuTime is the process's CPU time so far (user + system): on a shared
// machine it says what an import costs better than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakHeap samples the heap in use while fn runs.
func peakHeap(fn func()) uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	return peak.Load()
}

// BenchmarkImport imports a generated month of 20,000 enterprises × 30
// elements into SQLite, fully validated and committed; each iteration is the
// next month, so the 累计 and jump rules compare with stored data.
func BenchmarkImport(b *testing.B) {
	db := storetest.SQLite(b)
	cat := benchCatalog(b)
	ents := seedRegistry(b, db, benchEnterprises, true)
	svc := newServiceWith(b, db, cat, xlsx.Limits{})
	ctx := sysCtx()
	var peak uint64
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		month := i%12 + 1
		data := benchFile(b, cat, ents, month)
		b.SetBytes(int64(len(data)))
		runtime.GC()
		b.StartTimer()
		start := cpuTime()
		p := peakHeap(func() {
			res, err := svc.Import(ctx, collect.ImportRequest{FileName: "bench.xlsx", Data: data, Dataset: "monthly", Period: fmt.Sprintf("2024-%02d", month)})
			if err != nil || res.Inserted != benchEnterprises*benchElements {
				b.Fatalf("import = %+v, %v", res, err)
			}
		})
		cpu += cpuTime() - start
		peak = max(peak, p)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(benchEnterprises*benchElements)*float64(b.N)/b.Elapsed().Seconds(), "values/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkReadFloor is the floor under BenchmarkImport: excelize's
// streaming read of the same file, every cell, no checks.
func BenchmarkReadFloor(b *testing.B) {
	cat := benchCatalog(b)
	ents := make([]testEnt, benchEnterprises)
	for i := range ents {
		ents[i] = testEnt{uscc: registrytest.USCC("511722", i+1), name: fmt.Sprintf("演示企业%05d有限公司", i+1)}
	}
	data := benchFile(b, cat, ents, 6)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	var peak uint64
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		peak = max(peak, peakHeap(func() {
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			rows, err := f.Rows("数据")
			if err != nil {
				b.Fatal(err)
			}
			cells := 0
			for rows.Next() {
				c, _ := rows.Columns()
				cells += len(c)
			}
			rows.Close()
			f.Close()
			if cells != (benchEnterprises+1)*(benchElements+2) {
				b.Fatalf("read %d cells", cells)
			}
		}))
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
