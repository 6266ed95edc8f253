package project

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"testing"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/collect"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
	"mfgplan/plans"
)

// testNow is the fixed "today" of the store tests: December 2026.
var testNow = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

const (
	xuanhan = "511722" // 宣汉县
	quxian  = "511725" // 渠县
)

// newService builds the library over db with the Dazhou plan and registry.
func newService(t testing.TB, db *store.DB) *Service {
	t.Helper()
	p, reg := registrytest.Setup(t, db)
	rules, err := LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	vr, err := stats.DefaultRules(cat)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	coll := collect.New(collect.Config{DB: db, Catalog: cat, Rules: vr, Limits: xlsx.DefaultLimits, Log: log, FirstYear: 2020, LastYear: 2025})
	raw, err := fs.ReadFile(plans.Files, planProjectsFile)
	if err != nil {
		t.Fatal(err)
	}
	pp, err := ParsePlanProjects(planProjectsFile, raw, p)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewService(Config{DB: db, Plan: p, Rules: rules, Enterprises: reg, Collect: coll, PlanProjects: pp, Log: log, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func as(p access.Principal) context.Context { return access.With(context.Background(), p) }

var (
	cityUser   = access.Principal{User: "city", Role: access.RoleCity, View: access.Scope{All: true}, Enter: access.Scope{All: true}}
	xuanhanOne = access.Principal{User: "xuanhan", Role: access.RoleCounty, View: access.Scope{Counties: []string{xuanhan}}, Enter: access.Scope{Counties: []string{xuanhan}}}
	quxianOne  = access.Principal{User: "quxian", Role: access.RoleCounty, View: access.Scope{Counties: []string{quxian}}, Enter: access.Scope{Counties: []string{quxian}}}
	leaderUser = access.Principal{User: "leader", Role: access.RoleLeader, View: access.Scope{All: true}}
)

func str(s string) *string { return &s }

// basic is a valid new project in 宣汉县.
func basic(name string) Input {
	return Input{Name: str(name), County: str(xuanhan), Tier: str("county"), Kind: str("new"), Cluster: str("energy_chemical"),
		TotalInvestment: f64(12000), RegisteredOn: str("2026-01-05"), PlannedStart: str("2026-04-01"), Industry: str("2614")}
}

func mustCreate(t *testing.T, s *Service, ctx context.Context, in Input) *Project {
	t.Helper()
	p, err := s.Create(ctx, in)
	if err != nil {
		t.Fatalf("creating %s: %v", *in.Name, err)
	}
	return p
}

func mustMove(t *testing.T, s *Service, ctx context.Context, id int64, to Stage, on string) {
	t.Helper()
	if _, err := s.Move(ctx, id, Move{To: to, On: on}); err != nil {
		t.Fatalf("moving %d to %s: %v", id, to, err)
	}
}

// count reads one number from the store.
func count(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
