package plan

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"mfgplan/internal/store"
)

// Version is a stored version of a plan file.
type Version struct {
	PlanID   string `json:"plan_id"`
	Version  int    `json:"version"`
	SHA256   string `json:"sha256"`
	Source   string `json:"source"`
	LoadedAt string `json:"loaded_at"`
}

// Record stores the loaded plan as a new version unless a version with the
// same content is already stored; it returns the version that matches the
// content and whether it was new. Old versions are never removed.
func Record(ctx context.Context, db *store.DB, l *Loaded) (Version, bool, error) {
	v := Version{PlanID: l.Plan.ID, SHA256: l.SHA256, Source: l.File}
	var created bool
	err := db.InTx(ctx, func(tx *store.Tx) error {
		err := tx.QueryRow(ctx, `SELECT version, loaded_at FROM plan_versions WHERE plan_id = ? AND sha256 = ?`, v.PlanID, v.SHA256).Scan(&v.Version, &v.LoadedAt)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("looking up plan %s: %w", v.PlanID, err)
		}
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM plan_versions WHERE plan_id = ?`, v.PlanID).Scan(&v.Version); err != nil {
			return fmt.Errorf("numbering plan %s: %w", v.PlanID, err)
		}
		v.LoadedAt = time.Now().UTC().Format(time.RFC3339)
		created = true
		companions, err := json.Marshal(l.Companions)
		if err != nil {
			return fmt.Errorf("encoding the files beside plan %s: %w", v.PlanID, err)
		}
		_, err = tx.Exec(ctx, `INSERT INTO plan_versions (plan_id, version, sha256, source, content, companions, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			v.PlanID, v.Version, v.SHA256, v.Source, string(l.Raw), string(companions), v.LoadedAt)
		if err != nil {
			return fmt.Errorf("storing plan %s version %d: %w", v.PlanID, v.Version, err)
		}
		return nil
	})
	return v, created, err
}

// Versions lists the stored versions of a plan, oldest first.
func Versions(ctx context.Context, q store.Querier, planID string) ([]Version, error) {
	rows, err := q.Query(ctx, `SELECT plan_id, version, sha256, source, loaded_at FROM plan_versions WHERE plan_id = ? ORDER BY version`, planID)
	if err != nil {
		return nil, fmt.Errorf("listing versions of plan %s: %w", planID, err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var v Version
		if err := rows.Scan(&v.PlanID, &v.Version, &v.SHA256, &v.Source, &v.LoadedAt); err != nil {
			return nil, fmt.Errorf("listing versions of plan %s: %w", planID, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
