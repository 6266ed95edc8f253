package mujun

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// MaxAttachmentBytes bounds an appeal's attachment (a scanned certificate
// or a tax statement), so the database does not become a file store.
const MaxAttachmentBytes = 5 << 20

// Appeal is a firm's objection (申诉) to its entry in a run and its review (复核).
type Appeal struct {
	ID             int64              `json:"id"`
	RunID          int64              `json:"run_id"`
	EnterpriseID   int64              `json:"enterprise_id"`
	Reason         string             `json:"reason"`
	AttachmentName string             `json:"attachment_name,omitempty"`
	AttachmentSize int                `json:"attachment_size"`
	Corrections    map[string]float64 `json:"corrections,omitempty"`
	Status         string             `json:"status"`
	FiledBy        string             `json:"filed_by"`
	FiledAt        string             `json:"filed_at"`
	ReviewedBy     string             `json:"reviewed_by,omitempty"`
	ReviewedAt     string             `json:"reviewed_at,omitempty"`
	ReviewNote     string             `json:"review_note,omitempty"`
	NewRunID       *int64             `json:"new_run_id,omitempty"`
	Events         []AppealEvent      `json:"events"`
}

// AppealEvent is one recorded step of an appeal.
type AppealEvent struct {
	Status string `json:"status"`
	Actor  string `json:"actor"`
	Note   string `json:"note"`
	At     string `json:"at"`
}

// Filing is what a filer submits.
type Filing struct {
	Reason         string
	AttachmentName string
	Attachment     []byte
}

// FileAppeal records a filer's objection to the firm's entry in a run. Only
// someone who may enter the firm's data may file; one open appeal per firm
// and run.
func (s *Service) FileAppeal(ctx context.Context, runID, enterpriseID int64, f Filing) (Appeal, error) {
	if strings.TrimSpace(f.Reason) == "" {
		return Appeal{}, apperr.New(apperr.Invalid, "申诉理由不能为空")
	}
	if len(f.Attachment) > MaxAttachmentBytes {
		return Appeal{}, apperr.New(apperr.Invalid, "附件 %s 大小 %d 字节，超过上限 %d 字节", f.AttachmentName, len(f.Attachment), MaxAttachmentBytes)
	}
	run, err := s.GetRun(ctx, runID)
	if err != nil {
		return Appeal{}, err
	}
	if run.Status == "superseded" {
		return Appeal{}, apperr.New(apperr.Conflict, "评价批次 %d 已被新版本取代，请对现行版本申诉", runID)
	}
	if _, err := s.entry(ctx, runID, enterpriseID); err != nil {
		return Appeal{}, err
	}
	pl, err := s.visiblePlace(ctx, enterpriseID)
	if err != nil {
		return Appeal{}, err
	}
	if err := access.CanEnter(ctx, pl); err != nil {
		return Appeal{}, err
	}
	actor, now := access.From(ctx).User, s.now()
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		var open int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM mujun_appeals WHERE run_id = ? AND enterprise_id = ? AND status = 'filed'`, runID, enterpriseID).Scan(&open); err != nil {
			return fmt.Errorf("checking open appeals: %w", err)
		}
		if open > 0 {
			return apperr.New(apperr.Conflict, "该企业对评价批次 %d 已有待复核的申诉", runID)
		}
		err := tx.QueryRow(ctx, `INSERT INTO mujun_appeals (run_id, enterprise_id, reason, attachment_name, attachment, attachment_size, status, filed_by, filed_at)
			VALUES (?, ?, ?, ?, ?, ?, 'filed', ?, ?) RETURNING id`, runID, enterpriseID, f.Reason, f.AttachmentName, f.Attachment, len(f.Attachment), actor, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("storing appeal of enterprise %d: %w", enterpriseID, err)
		}
		return addEvent(ctx, tx, appealRef{id, enterpriseID, runID}, "filed", actor, f.Reason, now)
	})
	if err != nil {
		return Appeal{}, err
	}
	return s.GetAppeal(ctx, id)
}

// Review is a county's decision on an appeal. Corrections (element code →
// corrected yearly figure) are written as the firm's data and trigger a new
// run version when the appeal is accepted.
type Review struct {
	Accept      bool
	Note        string
	Corrections map[string]float64
}

// ReviewAppeal records the county's decision. An accepted appeal with
// corrections saves them (source appeal:N, with history) and makes a new
// version of the run in the same transaction: the correction and its
// results land together or not at all.
func (s *Service) ReviewAppeal(ctx context.Context, appealID int64, r Review) (Appeal, error) {
	a, err := s.GetAppeal(ctx, appealID)
	if err != nil {
		return Appeal{}, err
	}
	pl, err := s.visiblePlace(ctx, a.EnterpriseID)
	if err != nil {
		return Appeal{}, err
	}
	if err := checkReviewer(ctx, pl, a, r); err != nil {
		return Appeal{}, err
	}
	run, err := s.GetRun(ctx, a.RunID)
	if err != nil {
		return Appeal{}, err
	}
	lm, err := s.storedMethod(ctx, run.MethodHash)
	if err != nil {
		return Appeal{}, err
	}
	actor, now := access.From(ctx).User, s.now()
	status := map[bool]string{true: "accepted", false: "rejected"}[r.Accept]
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		corr, _ := json.Marshal(r.Corrections)
		res, err := tx.Exec(ctx, `UPDATE mujun_appeals SET status = ?, reviewed_by = ?, reviewed_at = ?, review_note = ?, corrections = ? WHERE id = ? AND status = 'filed'`,
			status, actor, now, r.Note, string(corr), appealID)
		if err != nil {
			return fmt.Errorf("recording review of appeal %d: %w", appealID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "申诉 %d 已被复核", appealID)
		}
		if err := addEvent(ctx, tx, appealRef{appealID, a.EnterpriseID, a.RunID}, status, actor, r.Note, now); err != nil {
			return err
		}
		if !r.Accept || len(r.Corrections) == 0 {
			return nil
		}
		return s.rerun(ctx, tx, a, run, lm, r.Corrections, actor, now)
	})
	if err != nil {
		return Appeal{}, err
	}
	return s.GetAppeal(ctx, appealID)
}

func checkReviewer(ctx context.Context, pl access.Place, a Appeal, r Review) error {
	p := access.From(ctx)
	if p.Role != access.RoleCounty && p.Role != access.RoleCity && p.Role != access.RoleAdmin {
		return apperr.New(apperr.Forbidden, "申诉由县区经信部门复核")
	}
	if err := access.CanEnter(ctx, pl); err != nil {
		return err
	}
	if a.Status != "filed" {
		return apperr.New(apperr.Conflict, "申诉 %d 状态为 %s，不能再复核", a.ID, a.Status)
	}
	if strings.TrimSpace(r.Note) == "" {
		return apperr.New(apperr.Invalid, "复核须填写意见")
	}
	for code := range r.Corrections {
		if _, ok := yearElements[code]; !ok {
			return apperr.New(apperr.Invalid, "更正项 %q 不是评价所用的数据项", code)
		}
	}
	return nil
}

// rerun saves the corrections and runs the year again with the run's own
// method. The run is city-wide, so it runs with the system's view, recorded
// as triggered by the appeal and its reviewer.
func (s *Service) rerun(ctx context.Context, tx *store.Tx, a Appeal, run Run, lm *LoadedMethod, corr map[string]float64, actor, now string) error {
	vals := make([]stats.Value, 0, len(corr))
	for code, v := range corr {
		vals = append(vals, stats.Value{EnterpriseID: a.EnterpriseID, Element: code, Period: strconv.Itoa(run.Year), Value: v})
	}
	source := "appeal:" + strconv.FormatInt(a.ID, 10)
	if _, err := stats.SaveValues(ctx, tx, vals, source, actor); err != nil {
		return fmt.Errorf("saving corrections of appeal %d: %w", a.ID, err)
	}
	sys := access.System
	sys.User = actor + "（申诉" + strconv.FormatInt(a.ID, 10) + "复核）"
	out, err := s.runTx(access.With(ctx, sys), tx, run.Year, lm, source)
	if err != nil {
		return fmt.Errorf("re-running %d %s after appeal %d: %w", run.Year, run.MethodID, a.ID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE mujun_appeals SET new_run_id = ? WHERE id = ?`, out.Run.ID, a.ID); err != nil {
		return fmt.Errorf("linking appeal %d to run %d: %w", a.ID, out.Run.ID, err)
	}
	return addEvent(ctx, tx, appealRef{a.ID, a.EnterpriseID, a.RunID}, "rerun", actor, fmt.Sprintf("更正数据后生成 %d 年 %s 第 %d 版（批次 %d）", run.Year, run.MethodID, out.Run.Version, out.Run.ID), now)
}

// addEvent records a step of an appeal in its history and in the platform's
// audit log, in the caller's transaction.
func addEvent(ctx context.Context, tx *store.Tx, a appealRef, status, actor, note, at string) error {
	if _, err := tx.Exec(ctx, `INSERT INTO mujun_appeal_events (appeal_id, status, actor, note, at) VALUES (?, ?, ?, ?, ?)`, a.id, status, actor, note, at); err != nil {
		return fmt.Errorf("recording %s of appeal %d: %w", status, a.id, err)
	}
	return audit.Record(ctx, tx, audit.Event{Action: "mujun.appeal." + status, Object: "mujun_appeal:" + strconv.FormatInt(a.id, 10),
		EnterpriseID: a.enterprise, Detail: map[string]any{"run_id": a.run, "note": note}})
}

// appealRef names an appeal in its history and audit entries.
type appealRef struct{ id, enterprise, run int64 }

func (s *Service) now() string { return s.Now().UTC().Format(time.RFC3339) }
