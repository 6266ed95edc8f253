package approval

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/dirty"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Action is a workflow step.
type Action string

const (
	Submit  Action = "submit"
	Approve Action = "approve"
	Return  Action = "return"
	Accept  Action = "accept"
	Unlock  Action = "unlock"
)

// step says from which statuses an action may be taken, by which roles,
// and where it leads. The caller's entry scope must also cover the
// enterprise. The 系统管理员 may take every step (CLI commands run as the
// system and every step is audited).
type step struct {
	name       string
	from       []Status
	to         Status
	roles      []access.Role
	needReason bool
}

var steps = map[Action]step{
	Submit:  {"上报", []Status{"", Returned, Unlocked}, Submitted, []access.Role{access.RoleEnterprise, access.RoleCounty, access.RolePark, access.RoleCity}, false},
	Approve: {"审核通过", []Status{Submitted}, Approved, []access.Role{access.RoleCounty, access.RolePark}, false},
	Return:  {"退回", []Status{Submitted, Approved}, Returned, []access.Role{access.RoleCounty, access.RolePark, access.RoleCity}, true},
	Accept:  {"市级确认", []Status{Approved}, Accepted, []access.Role{access.RoleCity}, false},
	Unlock:  {"解锁", []Status{Approved, Accepted}, Unlocked, []access.Role{access.RoleCity}, true},
}

// Do takes action on the submission k; reason is required to return or
// unlock. The change and its audit entry commit together.
func (s *Service) Do(ctx context.Context, act Action, k Key, reason string) (State, error) {
	out, err := s.DoBatch(ctx, act, []Key{k}, reason)
	if err != nil {
		return State{}, err
	}
	return out[0], nil
}

// DoBatch takes one action on several submissions (a reviewer approving
// or returning a page of its firms at once) in one transaction: every one
// is checked as Do checks it and audited on its own, and if any may not
// take the step none does, and the error names it by its place in keys.
func (s *Service) DoBatch(ctx context.Context, act Action, keys []Key, reason string) ([]State, error) {
	st, ok := steps[act]
	if !ok {
		return nil, apperr.New(apperr.Invalid, "未知操作 %q，可选：submit, approve, return, accept, unlock", act)
	}
	if len(keys) == 0 || len(keys) > maxBatch {
		return nil, apperr.New(apperr.Invalid, "一次可%s 1–%d 份报表，收到 %d 份", st.name, maxBatch, len(keys))
	}
	reason = strings.TrimSpace(reason)
	if st.needReason && reason == "" {
		return nil, apperr.New(apperr.Invalid, "%s必须填写原因", st.name)
	}
	out := make([]State, len(keys))
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		for i, k := range keys {
			var err error
			if out[i], err = s.step(ctx, tx, act, st, k, reason); err != nil {
				if len(keys) == 1 {
					return err
				}
				return withIndex(err, i)
			}
		}
		return nil
	})
	return out, err
}

// maxBatch is the largest batch: one page of the 审核 workbench (500) is
// a few seconds of audit entries on SQLite.
const maxBatch = 500

// withIndex says which item of a batch failed, keeping the error's code.
func withIndex(err error, i int) error {
	if e, ok := apperr.As(err); ok {
		return apperr.New(e.Code, "第 %d 份：%s；整批未执行", i+1, e.Message).WithDetails(map[string]int{"index": i})
	}
	return err
}

// step takes one action on k inside tx.
func (s *Service) step(ctx context.Context, tx *store.Tx, act Action, st step, k Key, reason string) (State, error) {
	if err := s.check(k); err != nil {
		return State{}, err
	}
	pl, name, err := place(ctx, tx, k.EnterpriseID)
	if err != nil {
		return State{}, err
	}
	p := access.From(ctx)
	if p.Role != access.RoleAdmin && (!slices.Contains(st.roles, p.Role) || !p.Enter.Covers(pl)) {
		return State{}, apperr.New(apperr.Forbidden, "您的角色（%s）无权对企业「%s」执行“%s”", access.RoleNames[p.Role], name, st.name)
	}
	cur, err := status(ctx, tx, k)
	if err != nil {
		return State{}, err
	}
	if !slices.Contains(st.from, cur) {
		return State{}, apperr.New(apperr.Conflict, "企业「%s」%s的%s当前状态为“%s”，不能%s", name, periodName(k.Period), s.Catalog.Dataset(k.Dataset).Name, StatusNames[cur], st.name)
	}
	if err := s.save(ctx, tx, k, st.to, reason, p.User); err != nil {
		return State{}, err
	}
	// The approved data basis of the analytics counts this submission
	// or stops counting it: its refresh must see the change.
	if err := dirty.Write(ctx, tx, dirty.Value(k.EnterpriseID, k.Period)); err != nil {
		return State{}, err
	}
	if err := audit.Record(ctx, tx, audit.Event{Action: audit.ActionApproval + "." + string(act), Object: k.String(), EnterpriseID: k.EnterpriseID,
		Detail: map[string]string{"from": string(cur), "to": string(st.to), "reason": reason}}); err != nil {
		return State{}, err
	}
	return get(ctx, tx, k)
}

// periodName is a period as users read it (2025年11月, 2025年).
func periodName(id string) string {
	p, err := stats.ParsePeriod(id)
	if err != nil {
		return id
	}
	return p.Label()
}

func (s *Service) save(ctx context.Context, tx *store.Tx, k Key, to Status, reason, by string) error {
	_, err := tx.Exec(ctx, `INSERT INTO approvals (enterprise_id, dataset, period, status, reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (enterprise_id, dataset, period) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		k.EnterpriseID, k.Dataset, k.Period, string(to), reason, by, s.Now().UTC().Format(audit.TimeFormat))
	if err != nil {
		return fmt.Errorf("saving approval status of %s: %w", k, err)
	}
	return nil
}
