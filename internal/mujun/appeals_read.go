package mujun

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
)

// GetAppeal returns an appeal with its history, if the caller may see the firm.
func (s *Service) GetAppeal(ctx context.Context, id int64) (Appeal, error) {
	as, err := s.appeals(ctx, `a.id = ?`, id)
	if err != nil {
		return Appeal{}, err
	}
	if len(as) == 0 {
		return Appeal{}, apperr.New(apperr.NotFound, "申诉 %d 不存在或无权查看", id)
	}
	return as[0], nil
}

// ListAppeals lists the appeals against a run that the caller may see,
// optionally of one status (the county's inbox: status filed).
func (s *Service) ListAppeals(ctx context.Context, runID int64, status string) ([]Appeal, error) {
	if status == "" {
		return s.appeals(ctx, `a.run_id = ?`, runID)
	}
	return s.appeals(ctx, `a.run_id = ? AND a.status = ?`, runID, status)
}

func (s *Service) appeals(ctx context.Context, cond string, args ...any) ([]Appeal, error) {
	scope, sargs := access.From(ctx).View.EnterpriseFilter("e")
	rows, err := s.DB.Query(ctx, `SELECT a.id, a.run_id, a.enterprise_id, a.reason, a.attachment_name, a.attachment_size, a.corrections, a.status,
		a.filed_by, a.filed_at, a.reviewed_by, a.reviewed_at, a.review_note, a.new_run_id
		FROM mujun_appeals a JOIN enterprises e ON e.id = a.enterprise_id WHERE `+cond+` AND `+scope+` ORDER BY a.id`, append(args, sargs...)...)
	if err != nil {
		return nil, fmt.Errorf("reading appeals: %w", err)
	}
	out := []Appeal{}
	for rows.Next() {
		var a Appeal
		var corr string
		var newRun sql.NullInt64
		if err := rows.Scan(&a.ID, &a.RunID, &a.EnterpriseID, &a.Reason, &a.AttachmentName, &a.AttachmentSize, &corr, &a.Status,
			&a.FiledBy, &a.FiledAt, &a.ReviewedBy, &a.ReviewedAt, &a.ReviewNote, &newRun); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading appeals: %w", err)
		}
		if corr != "" {
			if err := json.Unmarshal([]byte(corr), &a.Corrections); err != nil {
				rows.Close()
				return nil, fmt.Errorf("decoding corrections of appeal %d: %w", a.ID, err)
			}
		}
		if newRun.Valid {
			a.NewRunID = &newRun.Int64
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Events, err = s.events(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Service) events(ctx context.Context, appealID int64) ([]AppealEvent, error) {
	rows, err := s.DB.Query(ctx, `SELECT status, actor, note, at FROM mujun_appeal_events WHERE appeal_id = ? ORDER BY id`, appealID)
	if err != nil {
		return nil, fmt.Errorf("reading history of appeal %d: %w", appealID, err)
	}
	defer rows.Close()
	var out []AppealEvent
	for rows.Next() {
		var e AppealEvent
		if err := rows.Scan(&e.Status, &e.Actor, &e.Note, &e.At); err != nil {
			return nil, fmt.Errorf("reading history of appeal %d: %w", appealID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AppealAttachment returns an appeal's attachment, if the caller may see the firm.
func (s *Service) AppealAttachment(ctx context.Context, id int64) (string, []byte, error) {
	a, err := s.GetAppeal(ctx, id)
	if err != nil {
		return "", nil, err
	}
	var data []byte
	if err := s.DB.QueryRow(ctx, `SELECT attachment FROM mujun_appeals WHERE id = ?`, a.ID).Scan(&data); err != nil {
		return "", nil, fmt.Errorf("reading attachment of appeal %d: %w", id, err)
	}
	if len(data) == 0 {
		return "", nil, apperr.New(apperr.NotFound, "申诉 %d 没有附件", id)
	}
	return a.AttachmentName, data, nil
}
