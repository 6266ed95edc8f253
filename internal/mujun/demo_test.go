package mujun_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/demo"
	"mfgplan/internal/mujun"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestSichuanOnDemoData runs the Sichuan preset over the synthetic Dazhou
// dataset (a quarter of its size, to keep the test quick): the provincial
// constraints hold in the result, and every class-T firm carries a reason.
func TestSichuanOnDemoData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := access.With(context.Background(), access.System)
		p, reg := registrytest.Setup(t, db)
		cat, err := stats.DefaultCatalog()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Generate(ctx, db, demo.Deps{Plan: p, Catalog: cat, Classes: reg.Classification(), Map: reg.IndustryMap()},
			demo.Options{Seed: 1, Scale: 0.25}); err != nil {
			t.Fatal(err)
		}
		svc, err := mujun.NewService(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		lm, err := mujun.Preset("sichuan")
		if err != nil {
			t.Fatal(err)
		}
		out, err := svc.Run(ctx, 2024, lm, "test")
		if err != nil {
			t.Fatal(err)
		}
		d, err := svc.Distribution(ctx, out.Run.ID)
		if err != nil {
			t.Fatal(err)
		}
		all := d.All
		t.Logf("2024 四川 on demo data: %d graded, counts %v", all.Graded, all.Counts)
		if all.Graded < 100 {
			t.Fatalf("want a real population, got %d graded firms", all.Graded)
		}
		if a := float64(all.Counts["A"]); a > 0.30*float64(all.Graded) || a == 0 {
			t.Errorf("A = %v of %d: must be > 0 and ≤ 30%%", a, all.Graded)
		}
		if c := float64(all.Counts["C"]); c < 0.10*float64(all.Graded) {
			t.Errorf("C = %v of %d: must be ≥ 10%%", c, all.Graded)
		}
		page, err := svc.Entries(ctx, out.Run.ID, mujun.EntryFilter{Class: mujun.ClassT})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total == 0 {
			t.Fatal("the demo data hold utilities and young firms: class T must not be empty")
		}
		for _, e := range page.Items {
			if e.Reason == "" {
				t.Errorf("class-T firm %d (%s) has no reason", e.EnterpriseID, e.Name)
			}
		}
	})
}
