package plan_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"mfgplan/internal/plan"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func TestRecordVersionsPlanFiles(t *testing.T) {
	raw, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		record := func(src string) (plan.Version, bool) {
			t.Helper()
			l, err := plan.Parse("minimal.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			v, created, err := plan.Record(ctx, db, l)
			if err != nil {
				t.Fatal(err)
			}
			return v, created
		}
		if v, created := record(string(raw)); v.Version != 1 || !created {
			t.Fatalf("first load: version %d created %v", v.Version, created)
		}
		if v, created := record(string(raw)); v.Version != 1 || created {
			t.Errorf("same file again: version %d created %v, want 1 and not new", v.Version, created)
		}
		changed := strings.Replace(string(raw), "value: 200", "value: 250", 1)
		if v, created := record(changed); v.Version != 2 || !created {
			t.Errorf("changed file: version %d created %v, want 2 and new", v.Version, created)
		}
		attach := func(src, defs string) (plan.Version, bool) {
			t.Helper()
			l, err := plan.Parse("minimal.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			l.Attach(plan.Companion{Name: "minimal.indicators.yaml", Content: defs})
			v, created, err := plan.Record(ctx, db, l)
			if err != nil {
				t.Fatal(err)
			}
			return v, created
		}
		if v, created := attach(changed, "a"); v.Version != 3 || !created {
			t.Errorf("the plan with its indicators file: version %d created %v, want 3 and new", v.Version, created)
		}
		if v, created := attach(changed, "a"); v.Version != 3 || created {
			t.Errorf("same files again: version %d created %v, want 3 and not new", v.Version, created)
		}
		if v, created := attach(changed, "b"); v.Version != 4 || !created {
			t.Errorf("a changed indicators file: version %d created %v, want 4 and new", v.Version, created)
		}
		vs, err := plan.Versions(ctx, db, "testcity-2021-2025")
		if err != nil || len(vs) != 4 {
			t.Fatalf("versions = %v, %v; want all kept", vs, err)
		}
	})
}
