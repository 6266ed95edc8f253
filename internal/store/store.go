// Package store opens mfgplan's database — embedded SQLite by default,
// PostgreSQL when given a postgres:// URL — and applies its migrations.
// Domain packages write plain SQL with ? placeholders against Querier; the
// store rebinds them for the dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the pure-Go "sqlite" driver
)

// Dialect names the SQL flavour of an open database.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Querier is what domain code needs to run SQL, inside a transaction or not.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Dialect() Dialect
}

// DB is an open database with its dialect.
type DB struct {
	sql     *sql.DB
	dialect Dialect
	// DSN is what Open was given, with any password removed, for logs.
	DSN string
	raw string // what Open was given, for ReadOnly
}

// Open connects to dsn: a postgres:// or postgresql:// URL, or else a SQLite
// file path (its directory is created).
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := open(ctx, dsn, "")
	if err != nil {
		return nil, err
	}
	db.raw = dsn
	return db, nil
}

func open(ctx context.Context, dsn, extra string) (*DB, error) {
	if IsPostgres(dsn) {
		return openPostgres(ctx, dsn, extra)
	}
	return openSQLite(ctx, dsn, extra)
}

// ReadOnly opens a second handle on db's database on which the database
// itself refuses every write (SQLite query_only, PostgreSQL
// default_transaction_read_only): what runs on it provably writes nothing.
func (db *DB) ReadOnly(ctx context.Context) (*DB, error) {
	extra := "_pragma=query_only(1)"
	if db.dialect == Postgres {
		extra = "default_transaction_read_only=on"
	}
	ro, err := open(ctx, db.raw, extra)
	if err != nil {
		return nil, fmt.Errorf("opening the store read-only: %w", err)
	}
	return ro, nil
}

// IsPostgres reports whether dsn names a PostgreSQL server.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func openSQLite(ctx context.Context, path, extra string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("creating data directory for %s: %w", path, err)
	}
	// busy_timeout first so that the following pragmas wait instead of failing
	// when another process holds the file; WAL lets readers run beside the one
	// writer; foreign keys are off by default in SQLite; synchronous NORMAL is
	// durable under WAL except for the last transactions on power loss;
	// temp_store MEMORY keeps statement journals (multi-row INSERTs inside a
	// transaction write one per statement) off the disk.
	pragmas := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(ON)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)"
	if extra != "" {
		pragmas += "&" + extra
	}
	db, err := sql.Open("sqlite", "file:"+path+pragmas)
	if err != nil {
		return nil, fmt.Errorf("opening sqlite %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening sqlite %s: %w", path, err)
	}
	return &DB{sql: db, dialect: SQLite, DSN: path}, nil
}

func openPostgres(ctx context.Context, dsn, extra string) (*DB, error) {
	if extra != "" {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		dsn += sep + extra
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening postgres: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connecting to postgres %s: %w", redact(dsn), err)
	}
	db.SetMaxOpenConns(16)
	return &DB{sql: db, dialect: Postgres, DSN: redact(dsn)}, nil
}

func redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 {
		return dsn
	}
	return dsn[:scheme+3] + "…" + dsn[at:]
}

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// Dialect returns the database's SQL flavour.
func (db *DB) Dialect() Dialect { return db.dialect }

// SQL exposes the pool for the rare caller that needs it (bulk loaders).
func (db *DB) SQL() *sql.DB { return db.sql }

func (db *DB) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.sql.ExecContext(ctx, Rebind(db.dialect, q), args...)
}

func (db *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.sql.QueryContext(ctx, Rebind(db.dialect, q), args...)
}

func (db *DB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, Rebind(db.dialect, q), args...)
}

// Tx is a transaction that rebinds like DB.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
}

func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, Rebind(t.dialect, q), args...)
}

func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, Rebind(t.dialect, q), args...)
}

func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, Rebind(t.dialect, q), args...)
}

// Prepare prepares a statement in the transaction (for bulk writes).
func (t *Tx) Prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	return t.tx.PrepareContext(ctx, Rebind(t.dialect, q))
}

func (t *Tx) Dialect() Dialect { return t.dialect }

// InTx runs fn in a transaction, committing when it returns nil and rolling
// back otherwise, so that a failed import or load leaves nothing behind.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	if err := fn(&Tx{tx: sqlTx, dialect: db.dialect}); err != nil {
		if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("rolling back: %w", rbErr))
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("committing transaction: %w", err)
	}
	return nil
}

// Placeholders is n comma-separated ? marks, for an IN list.
func Placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// Rebind turns ? placeholders into $1, $2 … for PostgreSQL. A ? inside a
// quoted string literal is left alone.
func Rebind(d Dialect, q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n, inQuote := 0, false
	for _, r := range q {
		switch {
		case r == '\'':
			inQuote = !inQuote
		case r == '?' && !inQuote:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Args turns values into query arguments, for an IN list built with Placeholders.
func Args[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}
