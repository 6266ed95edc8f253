package collect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"mfgplan/internal/access"
	"mfgplan/internal/collect"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
)

type testEnt struct {
	id   int64
	uscc string
	name string
}

// seedRegistry inserts a city, two counties and n enterprises alternating
// between them; every enterprise is 规上 in 2024 when aboveScale is set.
func seedRegistry(t testing.TB, db *store.DB, n int, aboveScale bool) []testEnt {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		for _, q := range []string{
			`INSERT INTO org_units (code, name, level) VALUES ('511700', '达州市', 'city')`,
			`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511722', '宣汉县', 'county', '511700')`,
			`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511723', '开江县', 'county', '511700')`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ents := make([]testEnt, n)
	err = db.InTx(ctx, func(tx *store.Tx) error {
		for i := range ents {
			county := []string{"511722", "511723"}[i%2]
			e := testEnt{uscc: registrytest.USCC(county, i+1), name: fmt.Sprintf("演示企业%05d有限公司", i+1)}
			if err := tx.QueryRow(ctx, `INSERT INTO enterprises (uscc, name, county_code, industry_code, synthetic, created_at, updated_at)
				VALUES (?, ?, ?, '2614', TRUE, 'now', 'now') RETURNING id`, e.uscc, e.name, county).Scan(&e.id); err != nil {
				return err
			}
			if aboveScale {
				if _, err := tx.Exec(ctx, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, 2024, ?)`, e.id, true); err != nil {
					return err
				}
			}
			ents[i] = e
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ents
}

func newService(t testing.TB, db *store.DB, lim xlsx.Limits) *collect.Service {
	t.Helper()
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return newServiceWith(t, db, cat, lim)
}

func newServiceWith(t testing.TB, db *store.DB, cat *stats.Catalog, lim xlsx.Limits) *collect.Service {
	t.Helper()
	rules, err := stats.DefaultRules(cat)
	if err != nil {
		t.Fatal(err)
	}
	return collect.New(collect.Config{DB: db, Catalog: cat, Rules: rules, FirstYear: 2020, LastYear: 2025, Limits: lim})
}

func sysCtx() context.Context { return access.With(context.Background(), access.System) }

// template renders a template and opens it for editing.
func template(t testing.TB, ctx context.Context, svc *collect.Service, dataset, period string) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := svc.Template(ctx, &buf, dataset, period); err != nil {
		t.Fatalf("template: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func fileBytes(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dump lists every stored value as "uscc element period value" lines.
func dump(t testing.TB, db *store.DB) string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT e.uscc, v.element_code, v.period, v.value FROM data_values v JOIN enterprises e ON e.id = v.enterprise_id ORDER BY 1, 2, 3`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var u, el, p string
		var v float64
		if err := rows.Scan(&u, &el, &p, &v); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s %s %v\n", u, el, p, v)
	}
	return b.String()
}

func itoa(n int) string { return fmt.Sprint(n) }

func mustItems(t testing.TB, s string) []collect.ValueInput {
	t.Helper()
	var items []collect.ValueInput
	if err := json.Unmarshal([]byte(s), &items); err != nil {
		t.Fatal(err)
	}
	return items
}

func gb18030(t testing.TB, s string) []byte {
	t.Helper()
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
