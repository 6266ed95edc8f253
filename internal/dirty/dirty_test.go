package dirty_test

import (
	"context"
	"slices"
	"testing"

	"mfgplan/internal/dirty"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func TestWriteKeepsEachMarkOnceAcrossBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// 1,200 distinct marks (more than two statements' worth), each given
		// twice, and one already pending from an earlier transaction.
		if err := dirty.Write(ctx, db, dirty.Enterprise(7)); err != nil {
			t.Fatal(err)
		}
		var marks, want []dirty.Mark
		for id := int64(1); id <= 400; id++ {
			for _, m := range []dirty.Mark{dirty.Value(id, "2024-06"), dirty.Enterprise(id), dirty.Year(id, 2024)} {
				marks = append(marks, m, m)
				want = append(want, m)
			}
		}
		err := db.InTx(ctx, func(tx *store.Tx) error { return dirty.Write(ctx, tx, marks...) })
		if err != nil {
			t.Fatal(err)
		}
		got, err := dirty.Claim(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSortedFunc(got, func(a, b dirty.Mark) int { return int(a.Enterprise - b.Enterprise) }) {
			t.Errorf("claimed marks are not in enterprise order")
		}
		if len(got) != len(want) {
			t.Fatalf("claimed %d marks, want %d distinct", len(got), len(want))
		}
		for _, m := range want {
			if !slices.Contains(got, m) {
				t.Errorf("mark %+v missing", m)
			}
		}
		if again, err := dirty.Claim(ctx, db); err != nil || len(again) != 0 {
			t.Errorf("second claim = %v, %v; want nothing left", again, err)
		}
	})
}

func TestRolledBackChangeLeavesNoMark(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if err := dirty.Write(ctx, tx, dirty.Value(1, "2024")); err != nil {
				t.Fatal(err)
			}
			return context.Canceled // the change fails after marking
		})
		if err == nil {
			t.Fatal("the failing transaction committed")
		}
		if got, err := dirty.Claim(ctx, db); err != nil || len(got) != 0 {
			t.Errorf("marks after a rollback = %v, %v; want none", got, err)
		}
	})
}

func TestYearMarkNamesItsYear(t *testing.T) {
	m := dirty.Year(42, 2024)
	if y, ok := dirty.YearOf(m.Period); !ok || y != "2024" || m.Enterprise != 42 {
		t.Errorf("Year(42, 2024) = %+v, YearOf = %q, %v", m, y, ok)
	}
	for _, p := range []string{"2024", "2024-06", dirty.AllPeriods} {
		if _, ok := dirty.YearOf(p); ok {
			t.Errorf("YearOf(%q) took a period for a year mark", p)
		}
	}
}
