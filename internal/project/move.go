package project

import (
	"context"
	"fmt"
	"strings"

	"mfgplan/internal/store"
)

// Move is a stage transition: to which stage, on which date (today when
// empty), and why (required for 暂停 and 终止).
type Move struct {
	To     Stage  `json:"to"`
	On     string `json:"on,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Transition is one recorded stage change.
type Transition struct {
	From       Stage  `json:"from"`
	FromName   string `json:"from_name"`
	To         Stage  `json:"to"`
	ToName     string `json:"to_name"`
	On         string `json:"on"`
	Reason     string `json:"reason"`
	Actor      string `json:"actor"`
	RecordedAt string `json:"recorded_at"`
}

// Move changes a project's stage. The transition must be one Allowed lists,
// dated on or after the registration date and the last transition, and
// not in the future.
func (s *Service) Move(ctx context.Context, id int64, m Move) (*Project, error) {
	m.Reason = strings.TrimSpace(m.Reason)
	if m.On == "" {
		m.On = s.today().Format(dateLayout)
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		p, err := s.writable(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.moveTx(ctx, tx, p, m)
	})
	if err != nil {
		return nil, err
	}
	return s.load(ctx, s.db, id)
}

// moveTx checks and makes a move of p in tx, with its history and lights.
func (s *Service) moveTx(ctx context.Context, tx *store.Tx, p *Project, m Move) error {
	if err := s.checkMoveInput(p, m); err != nil {
		return err
	}
	from, id := p.Stage, p.ID
	s.applyMove(p, m)
	if _, err := tx.Exec(ctx, `UPDATE projects SET stage = ?, stage_on = ?, paused_from = ?, signed_on = ?, started_on = ?, updated_at = ? WHERE id = ?`,
		p.Stage, p.StageOn, p.PausedFrom, p.SignedOn, p.StartedOn, s.stamp(), id); err != nil {
		return fmt.Errorf("moving project %d to %s: %w", id, m.To, err)
	}
	if err := s.insertStage(ctx, tx, id, from, m.To, m.On, m.Reason); err != nil {
		return err
	}
	summary := fmt.Sprintf("阶段由「%s」转入「%s」（%s）", s.vocab.stage(from).Name, s.vocab.stage(m.To).Name, dayName(m.On))
	if m.Reason != "" {
		summary += "，原因：" + m.Reason
	}
	if err := s.record(ctx, tx, id, "stage", summary, m); err != nil {
		return err
	}
	return s.refreshLights(ctx, tx, id)
}

// checkMoveInput refuses an out-of-order stage, a missing reason and a
// date before registration, before the last change or after today.
func (s *Service) checkMoveInput(p *Project, m Move) error {
	if err := s.vocab.checkMove(p.Stage, p.PausedFrom, m.To); err != nil {
		return err
	}
	if needsReason(m.To) && m.Reason == "" {
		return fieldError("reason", "原因", "转入「"+s.vocab.stage(m.To).Name+"」须写明原因")
	}
	t, ok := parseDate(m.On)
	switch {
	case !ok:
		return fieldError("on", "日期", "「"+clip(m.On)+"」不是日期，应写作 2025-06-30")
	case m.On < p.RegisteredOn:
		return fieldError("on", "日期", dayName(m.On)+"早于项目入库日期"+dayName(p.RegisteredOn))
	case m.On < p.StageOn:
		return fieldError("on", "日期", dayName(m.On)+"早于项目进入「"+p.StageName+"」的日期"+dayName(p.StageOn))
	case t.After(s.today()):
		return fieldError("on", "日期", dayName(m.On)+"晚于今天")
	}
	return nil
}

// applyMove sets the stage fields of p for the move.
func (s *Service) applyMove(p *Project, m Move) {
	switch {
	case m.To == Paused:
		p.PausedFrom = p.Stage
	case p.Stage == Paused:
		p.PausedFrom = ""
	}
	p.Stage, p.StageOn = m.To, m.On
	if m.To == Signed && p.SignedOn == "" {
		p.SignedOn = m.On
	}
	if m.To == Started && p.StartedOn == "" {
		p.StartedOn = m.On
	}
}

func (s *Service) insertStage(ctx context.Context, tx *store.Tx, id int64, from, to Stage, on, reason string) error {
	_, err := tx.Exec(ctx, `INSERT INTO project_stages (project_id, from_stage, to_stage, on_date, reason, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, from, to, on, reason, accessUser(ctx), s.stamp())
	if err != nil {
		return fmt.Errorf("recording the stage of project %d: %w", id, err)
	}
	return nil
}

// Stages lists a project's transitions in the order they were made; the
// first is its registration.
func (s *Service) Stages(ctx context.Context, id int64) ([]Transition, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT from_stage, to_stage, on_date, reason, actor, recorded_at FROM project_stages WHERE project_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("reading the stages of project %d: %w", id, err)
	}
	defer rows.Close()
	out := []Transition{}
	for rows.Next() {
		var t Transition
		if err := rows.Scan(&t.From, &t.To, &t.On, &t.Reason, &t.Actor, &t.RecordedAt); err != nil {
			return nil, fmt.Errorf("reading the stages of project %d: %w", id, err)
		}
		if t.From != "" {
			t.FromName = s.vocab.stage(t.From).Name
		}
		t.ToName = s.vocab.stage(t.To).Name
		out = append(out, t)
	}
	return out, rows.Err()
}
