package stats

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

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
// source (e.g. "import:12", "api", "form", "demo") and actor.
func SaveValues(ctx context.Context, tx *store.Tx, vals []Value, source, actor string) (SaveResult, error) {
	var res SaveResult
	existing, err := loadExisting(ctx, tx, vals)
	if err != nil {
		return res, err
	}
	now := time.Now().UTC().Format(time.RFC3339)
	ins, err := tx.Prepare(ctx, `INSERT INTO data_values (enterprise_id, element_code, period, value, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return res, fmt.Errorf("preparing value insert: %w", err)
	}
	defer ins.Close()
	upd, err := tx.Prepare(ctx, `UPDATE data_values SET value = ?, source = ?, updated_by = ?, updated_at = ? WHERE enterprise_id = ? AND element_code = ? AND period = ?`)
	if err != nil {
		return res, fmt.Errorf("preparing value update: %w", err)
	}
	defer upd.Close()
	hist, err := tx.Prepare(ctx, `INSERT INTO data_value_history (enterprise_id, element_code, period, old_value, new_value, source, actor, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return res, fmt.Errorf("preparing history insert: %w", err)
	}
	defer hist.Close()
	for _, v := range vals {
		k := ValueKey{v.EnterpriseID, v.Element, v.Period}
		old, found := existing[k]
		switch {
		case found && old == v.Value:
			res.Unchanged++
			continue
		case found:
			if _, err := upd.ExecContext(ctx, v.Value, source, actor, now, v.EnterpriseID, v.Element, v.Period); err != nil {
				return res, fmt.Errorf("updating %s %s of enterprise %d: %w", v.Element, v.Period, v.EnterpriseID, err)
			}
			res.Updated++
		default:
			if _, err := ins.ExecContext(ctx, v.EnterpriseID, v.Element, v.Period, v.Value, source, actor, now); err != nil {
				return res, fmt.Errorf("inserting %s %s of enterprise %d: %w", v.Element, v.Period, v.EnterpriseID, err)
			}
			res.Inserted++
		}
		var oldArg any
		if found {
			oldArg = old
		}
		if _, err := hist.ExecContext(ctx, v.EnterpriseID, v.Element, v.Period, oldArg, v.Value, source, actor, now); err != nil {
			return res, fmt.Errorf("recording history of %s %s: %w", v.Element, v.Period, err)
		}
		existing[k] = v.Value
	}
	return res, nil
}

// loadExisting reads the stored values of the enterprises and periods the
// batch touches, so that a batch costs a few indexed queries whatever the
// size of the period, and an import can save its rows batch by batch.
func loadExisting(ctx context.Context, tx *store.Tx, vals []Value) (map[ValueKey]float64, error) {
	ids := map[int64]bool{}
	periods := map[string]bool{}
	for _, v := range vals {
		ids[v.EnterpriseID] = true
		periods[v.Period] = true
	}
	return LoadValues(ctx, tx, slices.Collect(maps.Keys(ids)), slices.Collect(maps.Keys(periods)))
}

// idChunk keeps IN lists well below every driver's parameter limit.
const idChunk = 500

// LoadValues reads the stored values of the given enterprises in the given
// periods. Callers check access; this reads what it is asked.
func LoadValues(ctx context.Context, q store.Querier, ids []int64, periods []string) (map[ValueKey]float64, error) {
	out := make(map[ValueKey]float64, len(ids)*len(periods)*8)
	if len(periods) == 0 {
		return out, nil
	}
	pIn := strings.TrimSuffix(strings.Repeat("?,", len(periods)), ",")
	for start := 0; start < len(ids); start += idChunk {
		chunk := ids[start:min(start+idChunk, len(ids))]
		args := make([]any, 0, len(periods)+len(chunk))
		for _, p := range periods {
			args = append(args, p)
		}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := q.Query(ctx, `SELECT enterprise_id, element_code, period, value FROM data_values
			WHERE period IN (`+pIn+`) AND enterprise_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("reading stored values: %w", err)
		}
		for rows.Next() {
			var k ValueKey
			var val float64
			if err := rows.Scan(&k.Enterprise, &k.Element, &k.Period, &val); err != nil {
				rows.Close()
				return nil, fmt.Errorf("reading stored values: %w", err)
			}
			out[k] = val
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("reading stored values: %w", err)
		}
	}
	return out, nil
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
