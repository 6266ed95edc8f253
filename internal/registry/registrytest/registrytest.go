// Package registrytest sets up a store with the embedded Dazhou plan's org
// units, parks and industry map, and a registry service over it, for the
// tests of every package that needs enterprises.
package registrytest

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/store"
	"mfgplan/plans"
)

// Setup syncs the Dazhou plan into db and returns the plan and the service.
func Setup(t testing.TB, db *store.DB) (*plan.Plan, *registry.Service) {
	t.Helper()
	ctx := context.Background()
	raw, err := fs.ReadFile(plans.Files, plans.Default)
	if err != nil {
		t.Fatal(err)
	}
	l, err := plan.Parse(plans.Default, raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := registry.SyncPlan(ctx, db, l.Plan); err != nil {
		t.Fatal(err)
	}
	mapName := strings.TrimSuffix(plans.Default, ".yaml") + ".industry-map.yaml"
	rawMap, err := fs.ReadFile(plans.Files, mapName)
	if err != nil {
		t.Fatal(err)
	}
	m, err := registry.ParseIndustryMap(mapName, rawMap, l.Plan)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.InTx(ctx, func(tx *store.Tx) error { return registry.SaveIndustryMap(ctx, tx, m) }); err != nil {
		t.Fatal(err)
	}
	classes, err := registry.LoadClassification(false)
	if err != nil {
		t.Fatal(err)
	}
	tags, err := registry.LoadTagVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	return l.Plan, registry.NewService(db, l.Plan, classes, m, tags)
}

// USCC returns a valid-format USCC for test number n registered in county.
func USCC(county string, n int) string {
	body := fmt.Sprintf("T%07d", n)
	first17 := "91" + county + body + string(registry.OrgCheckChar(body))
	return first17 + string(registry.USCCCheckChar(first17))
}
