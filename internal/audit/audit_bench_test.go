package audit_test

import (
	"testing"

	"mfgplan/internal/audit"
	"mfgplan/internal/store/storetest"
)

// BenchmarkRecord measures appending one entry (its own transaction: insert,
// read the previous hash, seal) on SQLite.
func BenchmarkRecord(b *testing.B) {
	db := storetest.SQLite(b)
	ev := audit.Event{Action: audit.ActionExport, Object: "GET /api/v1/exports", Detail: map[string]string{"query": "dataset=monthly&period=2025-05"}}
	for b.Loop() {
		if err := audit.Record(system, db, ev); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify measures walking a chain of 10 000 entries.
func BenchmarkVerify(b *testing.B) {
	db := storetest.SQLite(b)
	for i := 0; i < 10000; i++ {
		if err := audit.Record(system, db, audit.Event{Action: audit.ActionLoginOK}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if rep, err := audit.Verify(system, db); err != nil || rep.Broken != nil {
			b.Fatal(err, rep.Broken)
		}
	}
}
