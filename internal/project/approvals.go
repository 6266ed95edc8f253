package project

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mfgplan/internal/store"
)

// Approval statuses.
const (
	ApprovalPending    = "pending"
	ApprovalInProgress = "in_progress"
	ApprovalDone       = "done"
	ApprovalNotNeeded  = "not_needed"
)

var approvalStatusNames = map[string]string{ApprovalPending: "待办理", ApprovalInProgress: "办理中", ApprovalDone: "已办结", ApprovalNotNeeded: "无需办理"}

// Approval is one 前期手续 item of a project.
type Approval struct {
	Item        string `json:"item"`
	Name        string `json:"name"`
	Department  string `json:"department"`
	Required    bool   `json:"required"`
	Rule        string `json:"rule"`
	Source      string `json:"source"`
	Status      string `json:"status"`
	StatusName  string `json:"status_name"`
	Deadline    string `json:"deadline"`
	DueOn       string `json:"due_on"` // the deadline in force: entered, else the planned start
	DoneOn      string `json:"done_on"`
	DocNo       string `json:"doc_no"`
	ExpiresOn   string `json:"expires_on"`
	Note        string `json:"note"`
	Overdue     bool   `json:"overdue"`
	OverdueDays int    `json:"overdue_days"`
	Expired     bool   `json:"expired"`
	UpdatedBy   string `json:"updated_by"`
	UpdatedAt   string `json:"updated_at"`
}

// dueOn is the deadline in force for an item of a project.
func dueOn(deadline, plannedStart string) string {
	if deadline != "" {
		return deadline
	}
	return plannedStart
}

// overdueDays says how many days a required item is past its deadline as
// of d, 0 when it is not overdue (done by then, not needed, or not due).
func overdueDays(required bool, status, due, doneOn string, d time.Time) int {
	if !required || status == ApprovalNotNeeded || due == "" {
		return 0
	}
	if status == ApprovalDone && doneOn != "" && doneOn <= d.Format(dateLayout) {
		return 0
	}
	t, ok := parseDate(due)
	if !ok || !t.Before(d) {
		return 0
	}
	return int(d.Sub(t).Hours() / 24)
}

// syncChecklist adds the checklist's items a project lacks and re-decides
// whether each is required from the project's current facts; what users
// entered (status, dates, numbers) is kept.
func (s *Service) syncChecklist(ctx context.Context, tx *store.Tx, p *Project) error {
	have := map[string]bool{}
	rows, err := tx.Query(ctx, `SELECT item FROM project_approvals WHERE project_id = ?`, p.ID)
	if err != nil {
		return fmt.Errorf("reading the checklist of project %d: %w", p.ID, err)
	}
	for rows.Next() {
		var it string
		if err := rows.Scan(&it); err != nil {
			rows.Close()
			return err
		}
		have[it] = true
	}
	rows.Close()
	now := s.stamp()
	for _, it := range s.rules.Checklist.For(p.County) {
		req, why := it.decide(p, s.vocab)
		if have[it.Code] {
			_, err = tx.Exec(ctx, `UPDATE project_approvals SET required = ?, rule = ? WHERE project_id = ? AND item = ?`, req, why, p.ID, it.Code)
		} else {
			status := ApprovalPending
			if !req {
				status = ApprovalNotNeeded
			}
			_, err = tx.Exec(ctx, `INSERT INTO project_approvals (project_id, item, required, rule, status, department, updated_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, it.Code, req, why, status, it.Department, accessUser(ctx), now)
		}
		if err != nil {
			return fmt.Errorf("writing checklist item %s of project %d: %w", it.Code, p.ID, err)
		}
	}
	return nil
}

// Approvals lists a project's checklist in the checklist's order, with
// overdue marks as of today.
func (s *Service) Approvals(ctx context.Context, id int64) ([]Approval, error) {
	p, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.approvals(ctx, s.db, p, s.today())
}

func (s *Service) approvals(ctx context.Context, q store.Querier, p *Project, asOf time.Time) ([]Approval, error) {
	rows, err := q.Query(ctx, `SELECT item, required, rule, status, department, deadline, done_on, doc_no, expires_on, note, updated_by, updated_at
		FROM project_approvals WHERE project_id = ?`, p.ID)
	if err != nil {
		return nil, fmt.Errorf("reading the checklist of project %d: %w", p.ID, err)
	}
	defer rows.Close()
	byItem := map[string]Approval{}
	for rows.Next() {
		var a Approval
		if err := rows.Scan(&a.Item, &a.Required, &a.Rule, &a.Status, &a.Department, &a.Deadline, &a.DoneOn, &a.DocNo, &a.ExpiresOn, &a.Note, &a.UpdatedBy, &a.UpdatedAt); err != nil {
			return nil, fmt.Errorf("reading the checklist of project %d: %w", p.ID, err)
		}
		byItem[a.Item] = a
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []Approval{}
	for _, it := range s.rules.Checklist.For(p.County) {
		a, ok := byItem[it.Code]
		if !ok {
			continue
		}
		a.Name, a.Source, a.StatusName = it.Name, it.Source, approvalStatusNames[a.Status]
		a.DueOn = dueOn(a.Deadline, p.PlannedStart)
		a.OverdueDays = overdueDays(a.Required, a.Status, a.DueOn, a.DoneOn, asOf)
		a.Overdue = a.OverdueDays > 0
		a.Expired = a.ExpiresOn != "" && a.ExpiresOn < asOf.Format(dateLayout) && !p.Stage.started()
		out = append(out, a)
	}
	return out, nil
}

// ApprovalInput changes one checklist item; nil fields stay as they are.
type ApprovalInput struct {
	Status     *string `json:"status,omitempty"`
	Department *string `json:"department,omitempty"`
	Deadline   *string `json:"deadline,omitempty"`
	DoneOn     *string `json:"done_on,omitempty"`
	DocNo      *string `json:"doc_no,omitempty"`
	ExpiresOn  *string `json:"expires_on,omitempty"`
	Note       *string `json:"note,omitempty"`
}

// SetApproval updates one checklist item of a project.
func (s *Service) SetApproval(ctx context.Context, id int64, item string, in ApprovalInput) (*Approval, error) {
	var out *Approval
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		p, err := s.writable(ctx, tx, id)
		if err != nil {
			return err
		}
		list, err := s.approvals(ctx, tx, p, s.today())
		if err != nil {
			return err
		}
		a := findApproval(list, item)
		if a == nil {
			return fieldError("item", "手续", "「"+clip(item)+"」不在该项目的前期手续清单中")
		}
		in.apply(a)
		if err := s.checkApproval(a); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE project_approvals SET status = ?, department = ?, deadline = ?, done_on = ?, doc_no = ?, expires_on = ?, note = ?,
			updated_by = ?, updated_at = ? WHERE project_id = ? AND item = ?`,
			a.Status, a.Department, a.Deadline, a.DoneOn, a.DocNo, a.ExpiresOn, a.Note, accessUser(ctx), s.stamp(), id, item); err != nil {
			return fmt.Errorf("updating checklist item %s of project %d: %w", item, id, err)
		}
		summary := "前期手续「" + a.Name + "」：" + approvalStatusNames[a.Status]
		if a.DocNo != "" {
			summary += "，文号 " + a.DocNo
		}
		if err := s.record(ctx, tx, id, "approval", summary, map[string]any{"item": item, "change": in}); err != nil {
			return err
		}
		out = a
		return s.refreshLights(ctx, tx, id)
	})
	if err != nil {
		return nil, err
	}
	list, err := s.Approvals(ctx, id)
	if err != nil {
		return nil, err
	}
	return findApproval(list, out.Item), nil
}

func findApproval(list []Approval, item string) *Approval {
	for i := range list {
		if list[i].Item == item {
			return &list[i]
		}
	}
	return nil
}

func (in ApprovalInput) apply(a *Approval) {
	for _, f := range []struct{ dst, src *string }{{&a.Status, in.Status}, {&a.Department, in.Department}, {&a.Deadline, in.Deadline},
		{&a.DoneOn, in.DoneOn}, {&a.DocNo, in.DocNo}, {&a.ExpiresOn, in.ExpiresOn}, {&a.Note, in.Note}} {
		if f.src != nil {
			*f.dst = strings.TrimSpace(*f.src)
		}
	}
}

// checkApproval: a known status, dates well formed, 办结 with its date
// (not in the future), expiry after completion, 无需办理 of a required item
// with a note saying why.
func (s *Service) checkApproval(a *Approval) error {
	var ps fieldProblems
	if approvalStatusNames[a.Status] == "" {
		ps.add("status", "办理状态", "「"+clip(a.Status)+"」不可用，可选 pending（待办理）、in_progress（办理中）、done（已办结）、not_needed（无需办理）")
	}
	for _, d := range []struct{ field, label, v string }{{"deadline", "办理时限", a.Deadline}, {"done_on", "办结日期", a.DoneOn}, {"expires_on", "有效期至", a.ExpiresOn}} {
		if _, ok := parseDate(d.v); d.v != "" && !ok {
			ps.add(d.field, d.label, "「"+clip(d.v)+"」不是日期，应写作 2025-06-30")
		}
	}
	if a.Status == ApprovalDone && a.DoneOn == "" {
		ps.add("done_on", "办结日期", "已办结的手续须填写办结日期")
	}
	if t, ok := parseDate(a.DoneOn); ok && t.After(s.today()) {
		ps.add("done_on", "办结日期", dayName(a.DoneOn)+"晚于今天")
	}
	if a.ExpiresOn != "" && a.DoneOn != "" && a.ExpiresOn < a.DoneOn {
		ps.add("expires_on", "有效期至", dayName(a.ExpiresOn)+"早于办结日期"+dayName(a.DoneOn))
	}
	if a.Status == ApprovalNotNeeded && a.Required && a.Note == "" {
		ps.add("note", "说明", "按规则「"+a.Name+"」须办理（"+a.Rule+"）；标为无需办理须写明依据")
	}
	return ps.err()
}
