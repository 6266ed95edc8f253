package query

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// benchScale is the size of the generated benchmark dataset, from
// MFGPLAN_BENCH_FIRMS, _MONTHS and _ELEMENTS (defaults: a small run; the
// province scale is 20000 × 60 × 30).
type benchScale struct {
	Firms, Months, Elements int
}

func scaleFromEnv() benchScale {
	get := func(name string, def int) int {
		if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
			return n
		}
		return def
	}
	return benchScale{Firms: get("MFGPLAN_BENCH_FIRMS", 1000), Months: get("MFGPLAN_BENCH_MONTHS", 24), Elements: get("MFGPLAN_BENCH_ELEMENTS", 30)}
}

// benchElements are the monthly elements generated: the catalog's monthly
// dataset first, then filler elements up to the wanted count (they are read
// into frames like any other value, which is what costs).
func benchElements(cat *stats.Catalog, n int) []string {
	out := append([]string(nil), cat.Dataset("monthly").Elements...)
	for i := 0; len(out) < n; i++ {
		out = append(out, fmt.Sprintf("bench_%02d", i))
	}
	return out[:n]
}

// benchDB opens (and on first use generates) the benchmark database in
// MFGPLAN_BENCH_DIR (default: the test's temp dir), keyed by scale.
func benchDB(b *testing.B, p *plan.Plan, sc benchScale) *store.DB {
	b.Helper()
	dir := os.Getenv("MFGPLAN_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("bench-%d-%d-%d.db", sc.Firms, sc.Months, sc.Elements))
	_, statErr := os.Stat(path)
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.MigrateUp(ctx); err != nil { // a database generated before a migration gets it
		b.Fatal(err)
	}
	if statErr == nil {
		return db
	}
	if err := generate(ctx, db, p, sc); err != nil {
		os.Remove(path)
		b.Fatalf("generating benchmark data: %v", err)
	}
	return db
}

// generate writes org units, parks and sc.Firms enterprises spread over the
// plan's counties, parks and clusters, with monthly 1–N月累计 values for
// sc.Months months from 2021-01 and yearly values for complete years, most
// of them approved (generateApprovals).
func generate(ctx context.Context, db *store.DB, p *plan.Plan, sc benchScale) error {
	cat, err := stats.DefaultCatalog()
	if err != nil {
		return err
	}
	els := benchElements(cat, sc.Elements)
	rng := rand.New(rand.NewPCG(1, 2))
	if err := db.InTx(ctx, func(tx *store.Tx) error { return generateUnits(ctx, tx, p) }); err != nil {
		return err
	}
	if err := bulkLoad(ctx, db, func() error { return generateChunks(ctx, db, p, els, rng, sc) }); err != nil {
		return err
	}
	return nil
}

// bulkLoadDDL are the value-table indexes, dropped while the generator loads
// and recreated after: building an index once over sorted keys is far cheaper
// than millions of random inserts into it. The generator writes no analytics
// marks, as the benchmark rebuilds analytics anyway. The statement is that of
// migration 0006 (0013 dropped the other secondary index).
var bulkLoadDDL = []struct{ drop, create string }{
	{`DROP INDEX data_values_period`, `CREATE INDEX data_values_period ON data_values (period, element_code, enterprise_id, value)`},
}

func bulkLoad(ctx context.Context, db *store.DB, load func() error) error {
	for _, d := range bulkLoadDDL {
		if _, err := db.Exec(ctx, d.drop); err != nil {
			return err
		}
	}
	if err := load(); err != nil {
		return err
	}
	for _, d := range bulkLoadDDL {
		if _, err := db.Exec(ctx, d.create); err != nil {
			return err
		}
	}
	return nil
}

func generateChunks(ctx context.Context, db *store.DB, p *plan.Plan, els []string, rng *rand.Rand, sc benchScale) error {
	const chunk = 500 // enterprises per transaction, so the WAL stays small
	for first := 1; first <= sc.Firms; first += chunk {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `PRAGMA cache_size = -1000000`); err != nil { // 1 GB for the bulk load
				return err
			}
			for i := first; i < first+chunk && i <= sc.Firms; i++ {
				if err := generateValues(ctx, tx, p, i, els, rng, sc); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// generateValues writes one enterprise with its monthly and yearly values.
func generateValues(ctx context.Context, tx *store.Tx, p *plan.Plan, i int, els []string, rng *rand.Rand, sc benchScale) error {
	id, err := generateFirm(ctx, tx, p, i, rng, sc)
	if err != nil {
		return err
	}
	var rows []any
	scale := 500 + rng.ExpFloat64()*3000 // 万元 per month
	for _, el := range els {
		for m := 0; m < sc.Months; m++ {
			month := m%12 + 1
			rows = append(rows, id, el, fmt.Sprintf("%04d-%02d", 2021+m/12, month), scale*float64(month)*(1+0.1*float64(m/12)))
		}
	}
	for y := 0; y < sc.Months/12; y++ {
		year := strconv.Itoa(2021 + y)
		rows = append(rows, id, "rd_expense", year, scale*12*0.01, id, "has_rd", year, float64(rng.IntN(2)),
			id, "land_area", year, 20+scale/50, id, "nc_key_process_rate", year, 40+rng.Float64()*40,
			id, "digital_rd_tools", year, float64(rng.IntN(2)), id, "service_mfg", year, float64(rng.IntN(2)))
	}
	if err := generateApprovals(ctx, tx, id, sc); err != nil {
		return err
	}
	return insertRows(ctx, tx, `INSERT INTO data_values (enterprise_id, element_code, period, value, source, updated_at) VALUES `,
		"(?, ?, ?, ?, 'bench', '2021-01-01T00:00:00Z')", 4, rows)
}

// insertRows writes rows of cols parameters each with insert, 200 rows per
// statement, each row's values written as row.
func insertRows(ctx context.Context, tx *store.Tx, insert, row string, cols int, rows []any) error {
	for len(rows) > 0 {
		n := min(len(rows), cols*200)
		marks := strings.TrimSuffix(strings.Repeat(row+",", n/cols), ",")
		if _, err := tx.Exec(ctx, insert+marks, rows[:n]...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func generateUnits(ctx context.Context, tx *store.Tx, p *plan.Plan) error {
	if _, err := tx.Exec(ctx, `INSERT INTO org_units (code, name, level) VALUES (?, ?, 'city')`, p.Region.Code, p.Region.Name); err != nil {
		return err
	}
	for _, c := range p.Counties {
		if _, err := tx.Exec(ctx, `INSERT INTO org_units (code, name, level, parent_code) VALUES (?, ?, 'county', ?)`, c.Code, c.Name, p.Region.Code); err != nil {
			return err
		}
	}
	for _, pk := range p.Parks {
		if _, err := tx.Exec(ctx, `INSERT INTO parks (code, name, county_code, kind) VALUES (?, ?, ?, ?)`, pk.Code, pk.Name, pk.County, pk.Kind); err != nil {
			return err
		}
	}
	return nil
}

var benchIndustries = []string{"2614", "2823", "3976", "2720", "1351", "3011", "3670"}

func generateFirm(ctx context.Context, tx *store.Tx, p *plan.Plan, i int, rng *rand.Rand, sc benchScale) (int64, error) {
	park := p.Parks[rng.IntN(len(p.Parks))]
	cl := p.Clusters[rng.IntN(len(p.Clusters))]
	sub := cl.SubSectors[rng.IntN(len(cl.SubSectors))]
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO enterprises (uscc, name, county_code, park_code, industry_code, cluster_code, sub_sector_code, synthetic, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z') RETURNING id`,
		fmt.Sprintf("BENCH%013d", i), fmt.Sprintf("演示企业%05d", i), park.County, park.Code,
		benchIndustries[rng.IntN(len(benchIndustries))], cl.Code, sub.Code).Scan(&id)
	if err != nil {
		return 0, err
	}
	for y := 2021; y <= 2020+(sc.Months+11)/12; y++ {
		if _, err := tx.Exec(ctx, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, ?, ?)`, id, y, rng.IntN(10) < 8); err != nil {
			return 0, err
		}
	}
	if rng.IntN(20) == 0 {
		if _, err = tx.Exec(ctx, `INSERT INTO enterprise_tags (enterprise_id, tag, level, valid_from) VALUES (?, 'zjtx', 'province', ?)`, id, fmt.Sprintf("%d-06-30", 2021+rng.IntN(3))); err != nil {
			return 0, err
		}
	}
	if rng.IntN(4) == 0 { // a quarter of the firms sit in a chain node, as the rules link the demo's
		ch := p.Chains[rng.IntN(len(p.Chains))]
		_, err = tx.Exec(ctx, `INSERT INTO enterprise_chain_nodes (enterprise_id, node_code, source, updated_at) VALUES (?, ?, 'rule', '2021-01-01T00:00:00Z')`,
			id, ch.Nodes[rng.IntN(len(ch.Nodes))].Code)
	}
	return id, err
}

// generateApprovals approves the enterprise's monthly reports but the last
// two months' (still under review) and its yearly reports, so that the
// benchmark computes the approved data basis for nearly every period, as a
// bureau whose reviewers keep up would.
func generateApprovals(ctx context.Context, tx *store.Tx, id int64, sc benchScale) error {
	var rows []any
	for m := 0; m < sc.Months-2; m++ {
		rows = append(rows, id, "monthly", fmt.Sprintf("%04d-%02d", 2021+m/12, m%12+1))
	}
	for y := 0; y < sc.Months/12; y++ {
		rows = append(rows, id, "yearly", strconv.Itoa(2021+y))
	}
	return insertRows(ctx, tx, `INSERT INTO approvals (enterprise_id, dataset, period, status, updated_by, updated_at) VALUES `,
		"(?, ?, ?, 'approved', 'bench', '2021-01-01T00:00:00Z')", 3, rows)
}
