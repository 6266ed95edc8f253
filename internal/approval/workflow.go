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
	st, ok := steps[act]
	if !ok {
		return State{}, apperr.New(apperr.Invalid, "未知操作 %q，可选：submit, approve, return, accept, unlock", act)
	}
	if err := s.check(k); err != nil {
		return State{}, err
	}
	reason = strings.TrimSpace(reason)
	if st.needReason && reason == "" {
		return State{}, apperr.New(apperr.Invalid, "%s必须填写原因", st.name)
	}
	var out State
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		pl, _, err := place(ctx, tx, k.EnterpriseID)
		if err != nil {
			return err
		}
		p := access.From(ctx)
		if p.Role != access.RoleAdmin && (!slices.Contains(st.roles, p.Role) || !p.Enter.Covers(pl)) {
			return apperr.New(apperr.Forbidden, "您的角色（%s）无权对该企业执行“%s”", p.Role, st.name)
		}
		cur, err := status(ctx, tx, k)
		if err != nil {
			return err
		}
		if !slices.Contains(st.from, cur) {
			return apperr.New(apperr.Conflict, "%s 当前状态为“%s”，不能%s", k, StatusNames[cur], st.name)
		}
		if err := s.save(ctx, tx, k, st.to, reason, p.User); err != nil {
			return err
		}
		// The approved data basis of the analytics counts this submission
		// or stops counting it: its refresh must see the change.
		if err := dirty.Write(ctx, tx, dirty.Value(k.EnterpriseID, k.Period)); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Event{Action: audit.ActionApproval + "." + string(act), Object: k.String(), EnterpriseID: k.EnterpriseID,
			Detail: map[string]string{"from": string(cur), "to": string(st.to), "reason": reason}}); err != nil {
			return err
		}
		out, err = get(ctx, tx, k)
		return err
	})
	return out, err
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
