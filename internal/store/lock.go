package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Lock makes every other transaction that locks the same name wait until
// this one ends. Call it first in the transaction: on SQLite it takes the
// database's write lock (so the name does not matter) and waits at most the
// busy timeout; a transaction that has already read cannot wait for it.
func (t *Tx) Lock(ctx context.Context, name string) error {
	_, err := t.Exec(ctx, `INSERT INTO store_locks (name, locked_at) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET locked_at = excluded.locked_at`, name, time.Now().UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("taking lock %s: %w", name, err)
	}
	return nil
}

// IsConflict reports whether err says that another transaction holds or
// has just written what this one wanted: a lock not granted in time, a
// serialization failure or deadlock, or a key another transaction inserted
// first. Trying again later may succeed.
func IsConflict(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505", "40001", "40P01", "55P03": // unique_violation, serialization_failure, deadlock_detected, lock_not_available
			return true
		}
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		code := se.Code() & 0xff
		return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
	}
	return false
}
