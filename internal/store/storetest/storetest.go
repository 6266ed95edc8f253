// Package storetest gives each test its own migrated database: a SQLite file
// in a temporary directory and, when MFGPLAN_TEST_POSTGRES names a server, a
// fresh PostgreSQL database on it. CI sets that variable; there a missing
// server is a failure, not a skip.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"mfgplan/internal/store"
)

// EnvPostgres names the variable holding a PostgreSQL URL for tests; the
// user in it must be allowed to create databases.
const EnvPostgres = "MFGPLAN_TEST_POSTGRES"

// Each runs fn once per available dialect, each run on a fresh database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// EachEmpty is Each on databases left unmigrated, for tests of the
// migrations themselves (applying some, adding data, applying the rest).
func EachEmpty(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openPostgres(t)) })
}

// SQLite opens and migrates a new SQLite database in t.TempDir().
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	db := openSQLite(t)
	migrate(t, db)
	return db
}

// Postgres creates, migrates and later drops a database on the server named
// by MFGPLAN_TEST_POSTGRES; without it the test is skipped, except under CI.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	db := openPostgres(t)
	migrate(t, db)
	return db
}

func openSQLite(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("opening sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPostgres(t testing.TB) *store.DB {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set under CI: the store suite must run on PostgreSQL", EnvPostgres)
		}
		t.Skipf("%s not set: skipping the PostgreSQL run (set it to a postgres:// URL to include it)", EnvPostgres)
	}
	name := "mfgplan_t_" + randomHex(6)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("connecting to %s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("creating test database: %v", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parsing %s: %v", EnvPostgres, err)
	}
	u.Path = "/" + name
	db, err := store.Open(context.Background(), u.String())
	if err != nil {
		t.Fatalf("opening test database: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return db
}

func migrate(t testing.TB, db *store.DB) {
	t.Helper()
	if _, err := db.MigrateUp(context.Background()); err != nil {
		t.Fatalf("migrating %s: %v", db.Dialect(), err)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
