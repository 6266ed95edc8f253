package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestLockSerializes: a transaction locking a name another holds waits for
// it to end and then sees what it committed.
func TestLockSerializes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `CREATE TABLE lock_probe (n INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		locked := make(chan struct{})
		var wg sync.WaitGroup
		var seen int
		var second error
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.Lock(ctx, "probe"); err != nil {
				return err
			}
			wg.Go(func() {
				<-locked
				second = db.InTx(ctx, func(tx *store.Tx) error {
					if err := tx.Lock(ctx, "probe"); err != nil {
						return err
					}
					return tx.QueryRow(ctx, `SELECT COUNT(*) FROM lock_probe`).Scan(&seen)
				})
			})
			close(locked)
			time.Sleep(200 * time.Millisecond) // the second transaction is waiting now
			_, err := tx.Exec(ctx, `INSERT INTO lock_probe (n) VALUES (1)`)
			return err
		})
		wg.Wait()
		if err != nil || second != nil {
			t.Fatalf("first: %v, second: %v", err, second)
		}
		if seen != 1 {
			t.Errorf("the second transaction saw %d rows, want the 1 the first committed before it got the lock", seen)
		}
	})
}

// TestIsConflict: a key inserted by a concurrent transaction is a conflict
// on PostgreSQL; errors that retrying cannot cure are not.
func TestIsConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `CREATE TABLE conflict_probe (k INTEGER PRIMARY KEY)`); err != nil {
			t.Fatal(err)
		}
		_, err := db.Exec(ctx, `INSERT INTO no_such_table (k) VALUES (1)`)
		if err == nil || store.IsConflict(err) {
			t.Errorf("missing table: %v, conflict %v", err, store.IsConflict(err))
		}
		if db.Dialect() != store.Postgres {
			return
		}
		if _, err := db.Exec(ctx, `INSERT INTO conflict_probe (k) VALUES (1)`); err != nil {
			t.Fatal(err)
		}
		_, err = db.Exec(ctx, `INSERT INTO conflict_probe (k) VALUES (1)`)
		if !store.IsConflict(err) {
			t.Errorf("duplicate key on PostgreSQL: %v, want a conflict", err)
		}
	})
}
