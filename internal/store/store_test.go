package store_test

import (
	"context"
	"strings"
	"testing"

	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func TestMigrationsMatchAcrossDialects(t *testing.T) {
	lite, err := store.Migrations(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Migrations(store.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: sqlite %04d_%s vs postgres %04d_%s", i, lite[i].Version, lite[i].Name, pg[i].Version, pg[i].Name)
		}
	}
}

// TestSchemaHasNoTriggers keeps the schema within what PostgreSQL-compatible
// servers and Citus accept: migration 0006 added triggers, 0009 drops them,
// and the writers mark analytics changes themselves (package dirty).
func TestSchemaHasNoTriggers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		q := `SELECT name FROM sqlite_master WHERE type = 'trigger'`
		if db.Dialect() == store.Postgres {
			q = `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
				UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`
		}
		rows, err := db.Query(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			t.Errorf("the migrated schema has trigger or function %s", name)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestMigrateUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t.Run("records every migration", func(t *testing.T) {
			st, err := db.Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range st {
				if m.AppliedAt == nil {
					t.Errorf("migration %04d_%s not applied", m.Version, m.Name)
				}
			}
		})
		t.Run("second run applies nothing", func(t *testing.T) {
			done, err := db.MigrateUp(ctx)
			if err != nil || len(done) != 0 {
				t.Fatalf("second MigrateUp applied %v, err %v", done, err)
			}
		})
		t.Run("refuses an unknown schema version", func(t *testing.T) {
			if _, err := db.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, 9999, "future", "2030-01-01T00:00:00Z"); err != nil {
				t.Fatal(err)
			}
			_, err := db.Status(ctx)
			if err == nil || !strings.Contains(err.Error(), "9999") {
				t.Fatalf("Status on a newer schema: err = %v, want one naming version 9999", err)
			}
		})
	})
}

func TestInTxRollsBackOnError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, "k", "v"); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, "k", "again")
			return err
		})
		if err == nil {
			t.Fatal("duplicate key inside the transaction did not fail")
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM settings`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("%d rows left behind after rollback", n)
		}
	})
}

func TestRebind(t *testing.T) {
	tests := []struct {
		name, in, want string
		d              store.Dialect
	}{
		{"sqlite unchanged", "a = ? AND b = ?", "a = ? AND b = ?", store.SQLite},
		{"postgres numbered", "a = ? AND b = ?", "a = $1 AND b = $2", store.Postgres},
		{"quoted kept", "a = '?' AND b = ?", "a = '?' AND b = $1", store.Postgres},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := store.Rebind(tt.d, tt.in); got != tt.want {
				t.Errorf("Rebind(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMigrationNumbersAreUnique(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		ms, err := store.Migrations(d)
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		for i := range ms {
			if ms[i].Version != i+1 {
				t.Errorf("%s: migration %d is numbered %04d: numbers run 0001, 0002, … without gaps", d, i+1, ms[i].Version)
				break
			}
		}
	}
}
