package stats

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"mfgplan/internal/dirty"
	"mfgplan/internal/store"
)

// Value is one reported figure.
type Value struct {
	EnterpriseID int64   `json:"enterprise_id"`
	Element      string  `json:"element"`
	Period       string  `json:"period"`
	Value        float64 `json:"value"`
}

// ValueKey identifies a stored value.
type ValueKey struct {
	Enterprise int64
	Element    string
	Period     string
}

// SaveResult counts what a save did.
type SaveResult struct {
	Inserted  int `json:"inserted"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// SaveValues writes values inside tx: new ones are inserted, changed ones
// updated, equal ones left alone (so re-importing a file changes nothing),
// and every insert or update is recorded in data_value_history with its
// source (e.g. "import:12", "api", "form", "demo") and actor. The
// (enterprise, period) of every insert or update is marked for the
// analytics refresh in the same transaction.
//
// New values and history rows are written with multi-row INSERTs, a hundred
// rows a statement: a month of 20,000 enterprises is 600,000 values, and the
// cost per statement, not per row, dominated.
func SaveValues(ctx context.Context, tx *store.Tx, vals []Value, source, actor string) (SaveResult, error) {
	var res SaveResult
	existing, err := loadExisting(ctx, tx, vals)
	if err != nil {
		return res, err
	}
	// Arguments repeated on every row are boxed once: a month is 600,000
	// values, and boxing per row was most of SaveValues' allocations.
	var now, src, who any = time.Now().UTC().Format(time.RFC3339), source, actor
	boxes := map[string]any{}
	box := func(s string) any {
		b, ok := boxes[s]
		if !ok {
			b = s
			boxes[s] = b
		}
		return b
	}
	ins := newRowBatch(tx, "data_values", []string{"enterprise_id BIGINT", "element_code TEXT", "period TEXT", "value DOUBLE PRECISION"},
		[]string{"source", "updated_by", "updated_at"}, source, actor, now)
	hist := newRowBatch(tx, "data_value_history", []string{"enterprise_id BIGINT", "element_code TEXT", "period TEXT", "old_value DOUBLE PRECISION", "new_value DOUBLE PRECISION"},
		[]string{"source", "actor", "changed_at"}, source, actor, now)
	defer ins.close()
	defer hist.close()
	upd, err := tx.Prepare(ctx, `UPDATE data_values SET value = ?, source = ?, updated_by = ?, updated_at = ? WHERE enterprise_id = ? AND element_code = ? AND period = ?`)
	if err != nil {
		return res, fmt.Errorf("preparing value update: %w", err)
	}
	defer upd.Close()
	var marks []dirty.Mark
	for _, v := range vals {
		k := ValueKey{v.EnterpriseID, v.Element, v.Period}
		old, found := existing[k]
		switch {
		case found && old == v.Value:
			res.Unchanged++
			continue
		case found:
			// The row may still sit in the insert batch (a key twice in vals).
			if err := ins.flush(ctx); err != nil {
				return res, fmt.Errorf("inserting values: %w", err)
			}
			if _, err := upd.ExecContext(ctx, v.Value, src, who, now, v.EnterpriseID, v.Element, v.Period); err != nil {
				return res, fmt.Errorf("updating %s %s of enterprise %d: %w", v.Element, v.Period, v.EnterpriseID, err)
			}
			res.Updated++
		default:
			if err := ins.add(ctx, v.EnterpriseID, box(v.Element), box(v.Period), v.Value); err != nil {
				return res, fmt.Errorf("inserting values: %w", err)
			}
			res.Inserted++
		}
		var oldArg any
		if found {
			oldArg = old
		}
		if err := hist.add(ctx, v.EnterpriseID, box(v.Element), box(v.Period), oldArg, v.Value); err != nil {
			return res, fmt.Errorf("recording value history: %w", err)
		}
		existing[k] = v.Value
		// A file lists an enterprise's elements of a period together: one
		// mark for the run, not one per value.
		if m := dirty.Value(v.EnterpriseID, v.Period); len(marks) == 0 || marks[len(marks)-1] != m {
			marks = append(marks, m)
		}
	}
	if err := ins.flush(ctx); err != nil {
		return res, fmt.Errorf("inserting values: %w", err)
	}
	if err := hist.flush(ctx); err != nil {
		return res, fmt.Errorf("recording value history: %w", err)
	}
	return res, dirty.Write(ctx, tx, marks...)
}

// batchRows is how many rows one multi-row INSERT carries: 500 parameters
// at most, far below SQLite's and PostgreSQL's limits.
const batchRows = 100

// rowBatch collects rows for a multi-row INSERT … SELECT … FROM (VALUES …).
// Only what changes per row is bound per row; what every row shares (source,
// actor, time) is bound once per statement, which more than halves the
// strings copied into the driver per value. The first VALUES row carries
// the column types so that PostgreSQL types the untyped parameters.
type rowBatch struct {
	tx     *store.Tx
	table  string
	cols   []string // per-row columns as "name type"
	shared []string // columns bound once per statement (text)
	nShare int
	args   []any
	full   *sql.Stmt
}

func newRowBatch(tx *store.Tx, table string, cols, shared []string, sharedArgs ...any) *rowBatch {
	args := make([]any, 0, len(sharedArgs)+len(cols)*batchRows)
	return &rowBatch{tx: tx, table: table, cols: cols, shared: shared, nShare: len(sharedArgs), args: append(args, sharedArgs...)}
}

// valuesSQL is the INSERT for n rows.
func (b *rowBatch) valuesSQL(n int) string {
	var names, sel, first []string
	for i, c := range b.cols {
		name, typ, _ := strings.Cut(c, " ")
		names = append(names, name)
		sel = append(sel, "v.column"+strconv.Itoa(i+1))
		first = append(first, "CAST(? AS "+typ+")")
	}
	for _, name := range b.shared {
		names = append(names, name)
		sel = append(sel, "CAST(? AS TEXT)")
	}
	row := ",(" + store.Placeholders(len(b.cols)) + ")"
	return "INSERT INTO " + b.table + " (" + strings.Join(names, ", ") + ") SELECT " + strings.Join(sel, ", ") +
		" FROM (VALUES (" + strings.Join(first, ", ") + ")" + strings.Repeat(row, n-1) + ") AS v"
}

func (b *rowBatch) add(ctx context.Context, row ...any) error {
	b.args = append(b.args, row...)
	if len(b.args)-b.nShare < len(b.cols)*batchRows {
		return nil
	}
	if b.full == nil {
		st, err := b.tx.Prepare(ctx, b.valuesSQL(batchRows))
		if err != nil {
			return err
		}
		b.full = st
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.args = b.args[:b.nShare]
	return err
}

// flush writes the rows not yet written.
func (b *rowBatch) flush(ctx context.Context) error {
	n := (len(b.args) - b.nShare) / len(b.cols)
	if n == 0 {
		return nil
	}
	_, err := b.tx.Exec(ctx, b.valuesSQL(n), b.args...)
	b.args = b.args[:b.nShare]
	return err
}

func (b *rowBatch) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// loadExisting reads the stored values of the keys the batch touches, so
// that a batch costs a few indexed queries whatever the size of the period,
// and an import can save its rows batch by batch.
func loadExisting(ctx context.Context, tx *store.Tx, vals []Value) (map[ValueKey]float64, error) {
	ids := map[int64]bool{}
	elements := map[string]bool{}
	periods := map[string]bool{}
	for _, v := range vals {
		ids[v.EnterpriseID] = true
		elements[v.Element] = true
		periods[v.Period] = true
	}
	return LoadValues(ctx, tx, slices.Sorted(maps.Keys(ids)), slices.Collect(maps.Keys(elements)), slices.Collect(maps.Keys(periods)))
}

// idChunk keeps IN lists well below every driver's parameter limit.
const idChunk = 500

// LoadValues reads the stored values of the given enterprises, elements and
// periods. Callers check access; this reads what it is asked.
//
// All three key columns are constrained so that the query is a seek per key
// in data_values_period: with the enterprises and periods alone, SQLite scans
// the whole period per call, and an import of 20,000 enterprises, saved
// 1,000 at a time, scanned its own period twenty times over.
func LoadValues(ctx context.Context, q store.Querier, ids []int64, elements, periods []string) (map[ValueKey]float64, error) {
	out := make(map[ValueKey]float64, len(ids)*len(periods)*8)
	if len(periods) == 0 || len(elements) == 0 {
		return out, nil
	}
	keys := make([]any, 0, len(periods)+len(elements))
	for _, p := range periods {
		keys = append(keys, p)
	}
	for _, e := range elements {
		keys = append(keys, e)
	}
	query := `SELECT enterprise_id, element_code, period, value FROM data_values
		WHERE period IN (` + store.Placeholders(len(periods)) + `) AND element_code IN (` + store.Placeholders(len(elements)) + `) AND enterprise_id IN (`
	for start := 0; start < len(ids); start += idChunk {
		chunk := ids[start:min(start+idChunk, len(ids))]
		args := slices.Grow(slices.Clip(keys), len(chunk))
		for _, id := range chunk {
			args = append(args, id)
		}
		if err := scanValues(ctx, q, out, query+store.Placeholders(len(chunk))+`)`, args); err != nil {
			return nil, fmt.Errorf("reading stored values: %w", err)
		}
	}
	return out, nil
}

// scanValues adds the (enterprise, element, period, value) rows of query to out.
func scanValues(ctx context.Context, q store.Querier, out map[ValueKey]float64, query string, args []any) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k ValueKey
		var val float64
		if err := rows.Scan(&k.Enterprise, &k.Element, &k.Period, &val); err != nil {
			return err
		}
		out[k] = val
	}
	return rows.Err()
}

// HistoryEntry is one recorded change of a value.
type HistoryEntry struct {
	EnterpriseID int64    `json:"enterprise_id"`
	Element      string   `json:"element"`
	Period       string   `json:"period"`
	Old          *float64 `json:"old_value"`
	New          *float64 `json:"new_value"`
	Source       string   `json:"source"`
	Actor        string   `json:"actor"`
	ChangedAt    string   `json:"changed_at"`
}

// History lists the changes of an enterprise's values, newest first;
// element and period narrow it when not empty.
func History(ctx context.Context, q store.Querier, enterpriseID int64, element, period string) ([]HistoryEntry, error) {
	rows, err := q.Query(ctx, `SELECT enterprise_id, element_code, period, old_value, new_value, source, actor, changed_at
		FROM data_value_history WHERE enterprise_id = ? AND (? = '' OR element_code = ?) AND (? = '' OR period = ?)
		ORDER BY id DESC`, enterpriseID, element, element, period, period)
	if err != nil {
		return nil, fmt.Errorf("reading value history of enterprise %d: %w", enterpriseID, err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		if err := rows.Scan(&h.EnterpriseID, &h.Element, &h.Period, &h.Old, &h.New, &h.Source, &h.Actor, &h.ChangedAt); err != nil {
			return nil, fmt.Errorf("reading value history: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
