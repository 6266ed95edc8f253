// Package demo fills an empty store with a synthetic but realistic dataset
// for a plan's city (演示数据): enterprises spread over its counties, parks
// and clusters, 2020–2025 monthly and yearly reports, 规上 status per year and
// dated designations. The 2020 city aggregates are calibrated to the plan's
// baselines, and the same seed always gives the same data.
package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Options choose the dataset: Seed fixes it; Scale (default 1) multiplies
// firm counts and money totals, for quick tests.
type Options struct {
	Seed  uint64
	Scale float64
}

// Result says what was written.
type Result struct {
	Seed        uint64   `json:"seed"`
	Scale       float64  `json:"scale"`
	Enterprises int      `json:"enterprises"`
	AboveScale  []int    `json:"above_scale_per_year"`
	Tags        int      `json:"tags"`
	Values      int      `json:"values"`
	Reviewed    int      `json:"reviewed_reports"` // reports with a review state (see reviewState)
	Skipped     []string `json:"skipped_elements,omitempty"`
	Seconds     float64  `json:"seconds"`
}

// Deps are what the generator reads: the plan, the catalog, the industry
// classification and the plan's industry map.
type Deps struct {
	Plan    *plan.Plan
	Catalog *stats.Catalog
	Classes *registry.Classification
	Map     *registry.IndustryMap
}

// Generate writes the demo dataset into db in one transaction, and marks
// the store's dataset as demo. It refuses a store that already holds
// enterprises, so real data is never mixed with synthetic data.
func Generate(ctx context.Context, db *store.DB, d Deps, opt Options) (Result, error) {
	start := time.Now()
	if !access.From(ctx).Enter.All {
		return Result{}, apperr.New(apperr.Forbidden, "只有系统管理员可以生成演示数据")
	}
	if opt.Scale <= 0 {
		opt.Scale = 1
	}
	res := Result{Seed: opt.Seed, Scale: opt.Scale}
	g, err := build(d, opt)
	if err != nil {
		return res, err
	}
	err = db.InTx(ctx, func(tx *store.Tx) error {
		return g.write(ctx, tx, d.Catalog, opt.Seed, &res)
	})
	if err != nil {
		return res, err
	}
	res.Enterprises = len(g.firms)
	for yi := 0; yi < nYears; yi++ {
		res.AboveScale = append(res.AboveScale, len(g.activeIn(yi)))
	}
	for _, f := range g.firms {
		res.Tags += len(f.tags)
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// write stores the generated dataset in an empty store within tx and
// counts what it wrote into res.
func (g *gen) write(ctx context.Context, tx *store.Tx, cat *stats.Catalog, seed uint64, res *Result) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises`).Scan(&n); err != nil {
		return fmt.Errorf("counting enterprises: %w", err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, "库中已有 %d 家企业；演示数据只能生成到没有企业的空库", n)
	}
	if err := roomyCache(ctx, tx); err != nil {
		return err
	}
	now := stamp()
	ids, err := g.writeFirms(ctx, tx, now)
	if err != nil {
		return err
	}
	if res.Values, res.Skipped, err = g.writeValues(ctx, tx, ids, now, cat); err != nil {
		return err
	}
	if res.Reviewed, err = g.writeApprovals(ctx, tx, ids, now); err != nil {
		return err
	}
	return setDataset(ctx, tx, seed)
}

// build generates the whole dataset in memory and checks every firm's
// identity the way the registry would.
func build(d Deps, opt Options) (*gen, error) {
	prof, err := loadProfile()
	if err != nil {
		return nil, err
	}
	t, err := planTargets(d.Plan)
	if err != nil {
		return nil, err
	}
	g := &gen{rng: rand.New(rand.NewPCG(opt.Seed, 0x6d66_6770_6c61_6e)), prof: prof, t: t, scale: opt.Scale,
		classes: d.Classes, imap: d.Map, parks: map[string][]parkInfo{}, countyNames: map[string]string{}, counter: map[string]int{}}
	for _, c := range d.Plan.Counties {
		g.countyNames[c.Code] = c.Name
	}
	for _, p := range d.Plan.Parks {
		g.parks[p.County] = append(g.parks[p.County], parkInfo{code: p.Code, clusters: p.Clusters})
	}
	if err := g.base2020(); err != nil {
		return nil, err
	}
	if err := g.grow(); err != nil {
		return nil, err
	}
	g.yearlyShares()
	g.designations()
	for _, f := range g.firms {
		if err := registry.CheckUSCC(f.uscc); err != nil {
			return nil, fmt.Errorf("demo: generated USCC %s: %w", f.uscc, err)
		}
		if _, err := d.Classes.CheckIndustryCode(f.spec.Code); err != nil {
			return nil, fmt.Errorf("demo profile: %w", err)
		}
		if g.countyNames[f.county] == "" {
			return nil, fmt.Errorf("demo profile: county %s is not in plan %s", f.county, d.Plan.ID)
		}
	}
	return g, nil
}

// roomyCache lets SQLite keep the value table's indexes in memory while a
// million rows go in: with the default 2 MB page cache most of the load's
// time goes to re-reading index pages. It applies to this connection only.
func roomyCache(ctx context.Context, tx *store.Tx) error {
	if tx.Dialect() != store.SQLite {
		return nil
	}
	if _, err := tx.Exec(ctx, `PRAGMA cache_size = -131072`); err != nil {
		return fmt.Errorf("enlarging the SQLite page cache: %w", err)
	}
	return nil
}

// Settings keys that say which dataset the store holds.
const (
	SettingDataset = "dataset"
	SettingSeed    = "demo_seed"
)

func setDataset(ctx context.Context, tx *store.Tx, seed uint64) error {
	for k, v := range map[string]string{SettingDataset: "demo", SettingSeed: strconv.FormatUint(seed, 10)} {
		if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return fmt.Errorf("setting %s: %w", k, err)
		}
	}
	return nil
}

// Dataset says which kind of data the store holds, for the UI's 演示数据 mark.
type Dataset struct {
	Kind        string `json:"kind"` // demo, real or empty
	Label       string `json:"label"`
	Demo        bool   `json:"demo"`
	Seed        string `json:"seed,omitempty"`
	Enterprises int    `json:"enterprises"`
}

// Current reads the dataset kind and the number of enterprises.
func Current(ctx context.Context, q store.Querier) (Dataset, error) {
	var d Dataset
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises`).Scan(&d.Enterprises); err != nil {
		return d, fmt.Errorf("counting enterprises: %w", err)
	}
	err := q.QueryRow(ctx, `SELECT value FROM settings WHERE key = ?`, SettingDataset).Scan(&d.Kind)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("reading dataset setting: %w", err)
	}
	if d.Kind == "demo" {
		if err := q.QueryRow(ctx, `SELECT value FROM settings WHERE key = ?`, SettingSeed).Scan(&d.Seed); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return d, fmt.Errorf("reading demo seed: %w", err)
		}
	}
	switch {
	case d.Kind == "demo":
		d.Demo, d.Label = true, "演示数据"
	case d.Enterprises == 0:
		d.Kind, d.Label = "empty", "暂无数据"
	default:
		d.Kind, d.Label = "real", "正式数据"
	}
	return d, nil
}
