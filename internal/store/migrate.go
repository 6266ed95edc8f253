package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrationFS embed.FS

// Migration is one numbered SQL file of a dialect's migrations folder.
type Migration struct {
	Version   int        `json:"version"`
	Name      string     `json:"name"`
	SQL       string     `json:"-"`
	AppliedAt *time.Time `json:"applied_at,omitempty"`
}

// Migrations lists the dialect's migrations in order. File names are
// NNNN_name.sql; both dialects must carry the same numbers and names.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("reading %s migrations: %w", d, err)
	}
	var out []Migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s/%s: name must be NNNN_name.sql", dir, e.Name())
		}
		body, err := fs.ReadFile(migrationFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("reading migration %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			// Two branches that each took the next free number: applying both
			// would fail on schema_migrations' key halfway through an upgrade.
			return nil, fmt.Errorf("migrations %s/%04d_%s and %04d_%s share one number", dir, out[i-1].Version, out[i-1].Name, out[i].Version, out[i].Name)
		}
	}
	return out, nil
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// Status returns every known migration with the time it was applied, if it was.
// It fails when the database carries a version this binary does not know:
// an older binary must not write to a newer schema.
func (db *DB) Status(ctx context.Context) ([]Migration, error) {
	if _, err := db.Exec(ctx, createMigrationsTable); err != nil {
		return nil, fmt.Errorf("creating schema_migrations: %w", err)
	}
	known, err := Migrations(db.dialect)
	if err != nil {
		return nil, err
	}
	applied, err := db.applied(ctx)
	if err != nil {
		return nil, err
	}
	byVersion := map[int]bool{}
	for i := range known {
		byVersion[known[i].Version] = true
		if at, ok := applied[known[i].Version]; ok {
			known[i].AppliedAt = &at
		}
	}
	for v := range applied {
		if !byVersion[v] {
			return nil, fmt.Errorf("database has schema version %d, which this mfgplan does not know; use a newer binary", v)
		}
	}
	return known, nil
}

func (db *DB) applied(ctx context.Context) (map[int]time.Time, error) {
	rows, err := db.Query(ctx, `SELECT version, applied_at FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("reading schema_migrations: %w", err)
	}
	defer rows.Close()
	out := map[int]time.Time{}
	for rows.Next() {
		var v int
		var at string
		if err := rows.Scan(&v, &at); err != nil {
			return nil, fmt.Errorf("reading schema_migrations: %w", err)
		}
		t, _ := time.Parse(time.RFC3339, at)
		out[v] = t
	}
	return out, rows.Err()
}

// MigrateUp applies every pending migration, each in its own transaction
// together with its record in schema_migrations. It returns the versions applied.
func (db *DB) MigrateUp(ctx context.Context) ([]int, error) {
	all, err := db.Status(ctx)
	if err != nil {
		return nil, err
	}
	var done []int
	for _, m := range all {
		if m.AppliedAt != nil {
			continue
		}
		err := db.InTx(ctx, func(tx *Tx) error {
			if _, err := tx.tx.ExecContext(ctx, m.SQL); err != nil {
				return fmt.Errorf("applying migration %04d_%s: %w", m.Version, m.Name, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return done, err
		}
		done = append(done, m.Version)
	}
	return done, nil
}
