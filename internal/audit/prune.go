package audit

import (
	"context"
	"fmt"
	"time"

	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
)

// Prune deletes entries older than before, and only if before lies at
// least retentionDays in the past: younger entries are never deleted. The
// oldest remaining entry then anchors the chain (Verify starts there), and
// the pruning itself is recorded.
func Prune(ctx context.Context, db *store.DB, before, now time.Time, retentionDays int) (int64, error) {
	if err := CanRead(ctx); err != nil {
		return 0, err
	}
	limit := now.AddDate(0, 0, -retentionDays)
	if before.After(limit) {
		return 0, apperr.New(apperr.Invalid, "审计日志至少保留 %d 天：只能删除 %s 之前的记录", retentionDays, limit.UTC().Format("2006-01-02"))
	}
	var n int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM audit_log WHERE at < ?`, before.UTC().Format(TimeFormat))
		if err != nil {
			return fmt.Errorf("pruning the audit log: %w", err)
		}
		n, _ = res.RowsAffected()
		return record(ctx, tx, Event{Action: "audit.prune", Detail: map[string]any{"before": before.UTC().Format(TimeFormat), "deleted": n}})
	})
	return n, err
}
