package project

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"mfgplan/internal/access"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// Event is one entry of a project's history.
type Event struct {
	ID         int64           `json:"id"`
	Kind       string          `json:"kind"`
	Summary    string          `json:"summary"`
	Detail     json.RawMessage `json:"detail"`
	Actor      string          `json:"actor"`
	RecordedAt string          `json:"recorded_at"`
}

// record writes a history entry and the matching audit-log entry in tx, so
// a change, its history and its audit land together or not at all.
func (s *Service) record(ctx context.Context, tx *store.Tx, id int64, kind, summary string, detail any) error {
	if err := s.history(ctx, tx, id, kind, summary, detail); err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Event{Action: "project." + kind, Object: "project:" + strconv.FormatInt(id, 10),
		Detail: map[string]any{"summary": summary, "detail": detail}})
}

// history writes a history entry only: for what loading the plan does
// (its named projects), which like the plan's places is configuration,
// not a user's change.
func (s *Service) history(ctx context.Context, tx *store.Tx, id int64, kind, summary string, detail any) error {
	raw, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("encoding the history of project %d: %w", id, err)
	}
	actor := access.From(ctx).User
	if _, err := tx.Exec(ctx, `INSERT INTO project_events (project_id, kind, summary, detail, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
		id, kind, summary, string(raw), actor, s.stamp()); err != nil {
		return fmt.Errorf("recording the history of project %d: %w", id, err)
	}
	return nil
}

// History lists a project's changes, newest first.
func (s *Service) History(ctx context.Context, id int64) ([]Event, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT id, kind, summary, detail, actor, recorded_at FROM project_events WHERE project_id = ? ORDER BY id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("reading the history of project %d: %w", id, err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		var d string
		if err := rows.Scan(&e.ID, &e.Kind, &e.Summary, &d, &e.Actor, &e.RecordedAt); err != nil {
			return nil, fmt.Errorf("reading the history of project %d: %w", id, err)
		}
		e.Detail = json.RawMessage(d)
		out = append(out, e)
	}
	return out, rows.Err()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
