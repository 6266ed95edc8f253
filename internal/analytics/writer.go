package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"mfgplan/internal/indicator"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// rowWriter writes analytics rows in batches of batchRows per statement:
// one statement per row costs more than the row itself.
type rowWriter struct {
	tx       *store.Tx
	basis    indicator.Basis
	batch    *sql.Stmt
	del      *sql.Stmt
	buffered []any
	now      string
}

const (
	batchRows    = 64
	analyticsCol = "(basis, indicator_code, org_code, group_code, period, level, value, numerator, denominator, firms, missing, computed_at)"
	rowMarks     = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	rowCols      = 12
)

func insertSQL(rows int) string {
	return `INSERT INTO analytics_indicator_values ` + analyticsCol + ` VALUES ` + strings.TrimSuffix(strings.Repeat(rowMarks+",", rows), ",")
}

// newRowWriter writes rows of basis b.
func newRowWriter(ctx context.Context, tx *store.Tx, b indicator.Basis) (*rowWriter, error) {
	batch, err := tx.Prepare(ctx, insertSQL(batchRows))
	if err != nil {
		return nil, fmt.Errorf("preparing analytics insert: %w", err)
	}
	del, err := tx.Prepare(ctx, `DELETE FROM analytics_indicator_values WHERE org_code = ? AND group_code = ? AND basis = ? AND period = ?`)
	if err != nil {
		batch.Close()
		return nil, fmt.Errorf("preparing analytics delete: %w", err)
	}
	return &rowWriter{tx: tx, basis: b, batch: batch, del: del, now: time.Now().UTC().Format(time.RFC3339)}, nil
}

func (w *rowWriter) close() {
	w.batch.Close()
	w.del.Close()
}

func (w *rowWriter) deleteUnit(ctx context.Context, k indicator.UnitKey, p stats.Period) error {
	if _, err := w.del.ExecContext(ctx, k.Org, k.Group, string(w.basis), p.ID()); err != nil {
		return fmt.Errorf("clearing analytics of %s %s %s: %w", k.Org, k.Group, p, err)
	}
	return nil
}

func (w *rowWriter) insert(ctx context.Context, code string, k indicator.UnitKey, p stats.Period, res indicator.LevelResult, val *float64) error {
	missing := res.Missing
	if val != nil {
		missing = ""
	}
	w.buffered = append(w.buffered, string(w.basis), code, k.Org, k.Group, p.ID(), res.Value, val, res.Num, res.Den, res.Firms, missing, w.now)
	if len(w.buffered) < batchRows*rowCols {
		return nil
	}
	if _, err := w.batch.ExecContext(ctx, w.buffered...); err != nil {
		return fmt.Errorf("writing analytics of %s: %w", p, err)
	}
	w.buffered = w.buffered[:0]
	return nil
}

// flush writes the rows still buffered.
func (w *rowWriter) flush(ctx context.Context) error {
	if len(w.buffered) == 0 {
		return nil
	}
	if _, err := w.tx.Exec(ctx, insertSQL(len(w.buffered)/rowCols), w.buffered...); err != nil {
		return fmt.Errorf("writing analytics: %w", err)
	}
	w.buffered = w.buffered[:0]
	return nil
}
