package cycle

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/registry"
	"mfgplan/internal/store"
)

// Reminder is one recorded 催报: who chased which firm, when, for which
// report, and whom the firm had named as contact then.
type Reminder struct {
	ID             int64  `json:"id"`
	Batch          string `json:"batch"`
	EnterpriseID   int64  `json:"enterprise_id"`
	EnterpriseName string `json:"enterprise_name"`
	County         string `json:"county_name"`
	Dataset        string `json:"dataset"`
	Period         string `json:"period"`
	State          State  `json:"state"`
	StateName      string `json:"state_name"`
	Contact        string `json:"contact"`
	Note           string `json:"note"`
	Actor          string `json:"actor"`
	CreatedAt      string `json:"created_at"`
}

// RemindRequest chases the given firms for a dataset and period.
type RemindRequest struct {
	Dataset       string  `json:"dataset"`
	Period        string  `json:"period"`
	EnterpriseIDs []int64 `json:"enterprise_ids"`
	Note          string  `json:"note"`
}

// maxRemind bounds one batch: a county's firms, with room.
const maxRemind = 2000

// Remind records a reminder to each firm (in the caller's view, expected
// to file and not yet submitted) in one batch and one audit entry; a firm
// that may not be chased refuses the whole batch, named.
func (s *Service) Remind(ctx context.Context, req RemindRequest) ([]Reminder, error) {
	if err := canChase(ctx); err != nil {
		return nil, err
	}
	if n := len(req.EnterpriseIDs); n == 0 || n > maxRemind {
		return nil, apperr.New(apperr.Invalid, "一次可催报 1–%d 家企业，收到 %d 家", maxRemind, n)
	}
	if note := strings.TrimSpace(req.Note); len([]rune(note)) > 500 {
		return nil, apperr.New(apperr.Invalid, "催报说明不超过500字")
	}
	firms, err := s.firms(ctx, FirmFilter{Dataset: req.Dataset, Period: req.Period})
	if err != nil {
		return nil, err
	}
	byID := map[int64]Firm{}
	for _, f := range firms {
		byID[f.ID] = f
	}
	batch := newBatchID()
	now := s.now().UTC().Format(audit.TimeFormat)
	out := make([]Reminder, 0, len(req.EnterpriseIDs))
	for i, id := range req.EnterpriseIDs {
		f, ok := byID[id]
		switch {
		case !ok:
			return nil, apperr.New(apperr.NotFound, "第 %d 家企业不存在、无权查看或本期无须报送；整批未催报", i+1)
		case f.State.sent():
			return nil, apperr.New(apperr.Conflict, "「%s」本期已上报（%s），无须催报；整批未催报", f.Name, f.StateName)
		}
		out = append(out, Reminder{Batch: batch, EnterpriseID: id, EnterpriseName: f.Name, County: f.CountyName, Dataset: req.Dataset, Period: req.Period,
			State: f.State, StateName: f.StateName, Contact: contactOf(f.Member), Note: strings.TrimSpace(req.Note), Actor: access.From(ctx).User, CreatedAt: now})
	}
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		for i := range out {
			if err := insertReminder(ctx, tx, &out[i]); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Event{Action: ActionRemind, Object: "reminders:" + batch,
			Detail: map[string]any{"dataset": req.Dataset, "period": req.Period, "enterprises": req.EnterpriseIDs, "note": out[0].Note}})
	})
	return out, err
}

// ActionRemind is the audit action of a 催报 batch.
const ActionRemind = "reminder.create"

func insertReminder(ctx context.Context, tx *store.Tx, r *Reminder) error {
	err := tx.QueryRow(ctx, `INSERT INTO reminders (batch, enterprise_id, dataset, period, state, contact, note, actor, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.Batch, r.EnterpriseID, r.Dataset, r.Period, string(r.State), r.Contact, r.Note, r.Actor, r.CreatedAt).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("recording a reminder to enterprise %d: %w", r.EnterpriseID, err)
	}
	return nil
}

// contactOf is the firm's contact as one line: 张三 0818-2123456.
func contactOf(m registry.Member) string {
	return strings.TrimSpace(m.ContactName + " " + m.ContactPhone)
}

// newBatchID is a random, URL-safe name for one batch of reminders.
func newBatchID() string { return strings.ToLower(rand.Text()[:16]) }

type reminded struct {
	count int
	last  string
}

// remindedCounts says, per firm, how often and when last it was chased for
// a dataset and period.
func (s *Service) remindedCounts(ctx context.Context, dataset, period string) (map[int64]reminded, error) {
	rows, err := s.db.Query(ctx, `SELECT enterprise_id, COUNT(*), MAX(created_at) FROM reminders WHERE dataset = ? AND period = ? GROUP BY enterprise_id`, dataset, period)
	if err != nil {
		return nil, fmt.Errorf("counting reminders: %w", err)
	}
	defer rows.Close()
	out := map[int64]reminded{}
	for rows.Next() {
		var id int64
		var r reminded
		if err := rows.Scan(&id, &r.count, &r.last); err != nil {
			return nil, fmt.Errorf("counting reminders: %w", err)
		}
		out[id] = r
	}
	return out, rows.Err()
}

// Reminders lists the reminders of a dataset and period (or of one batch)
// to firms in the caller's view, newest first.
func (s *Service) Reminders(ctx context.Context, dataset, period, batch string) ([]Reminder, error) {
	if err := canFollow(ctx); err != nil {
		return nil, err
	}
	cond, args := `dataset = ? AND period = ?`, []any{dataset, period}
	if batch != "" {
		cond, args = `batch = ?`, []any{batch}
	} else if _, _, err := s.report(dataset, period); err != nil {
		return nil, err
	}
	members, err := s.reg.Roster(ctx, registry.RosterFilter{})
	if err != nil {
		return nil, err
	}
	visible := make(map[int64]registry.Member, len(members))
	for _, m := range members {
		visible[m.ID] = m
	}
	rows, err := s.db.Query(ctx, `SELECT id, batch, enterprise_id, dataset, period, state, contact, note, actor, created_at
		FROM reminders WHERE `+cond+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("listing reminders: %w", err)
	}
	defer rows.Close()
	out := []Reminder{}
	for rows.Next() {
		var r Reminder
		if err := rows.Scan(&r.ID, &r.Batch, &r.EnterpriseID, &r.Dataset, &r.Period, &r.State, &r.Contact, &r.Note, &r.Actor, &r.CreatedAt); err != nil {
			return nil, fmt.Errorf("listing reminders: %w", err)
		}
		m, ok := visible[r.EnterpriseID]
		if !ok {
			continue
		}
		r.EnterpriseName, r.County, r.StateName = m.Name, m.CountyName, StateNames[r.State]
		out = append(out, r)
	}
	return out, rows.Err()
}
