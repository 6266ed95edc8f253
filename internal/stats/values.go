package stats

import (
	"context"
	"fmt"
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

type valueKey struct {
	enterprise int64
	element    string
	period     string
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
		k := valueKey{v.EnterpriseID, v.Element, v.Period}
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

// loadExisting reads the stored values for every period the batch touches,
// one query per period, so a month's import costs a handful of scans instead
// of one lookup per cell.
func loadExisting(ctx context.Context, tx *store.Tx, vals []Value) (map[valueKey]float64, error) {
	periods := map[string]bool{}
	for _, v := range vals {
		periods[v.Period] = true
	}
	out := make(map[valueKey]float64, len(vals))
	for p := range periods {
		rows, err := tx.Query(ctx, `SELECT enterprise_id, element_code, value FROM data_values WHERE period = ?`, p)
		if err != nil {
			return nil, fmt.Errorf("reading stored values of %s: %w", p, err)
		}
		for rows.Next() {
			k := valueKey{period: p}
			var val float64
			if err := rows.Scan(&k.enterprise, &k.element, &val); err != nil {
				rows.Close()
				return nil, fmt.Errorf("reading stored values of %s: %w", p, err)
			}
			out[k] = val
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
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
