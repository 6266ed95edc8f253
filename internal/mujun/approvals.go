package mujun

import (
	"context"
	"strconv"

	"mfgplan/internal/approval"
	"mfgplan/internal/store"
)

// ApprovedData is the Approvals of the data-approval workflow: while the
// setting "analytics.approved_only" is on, a firm whose figures for the year
// are not approved or accepted is not graded (class T, with that reason);
// while it is off, all stored figures count, as with AllApproved.
type ApprovedData struct{ DB *store.DB }

// unapprovedReason is the class-T reason of a firm without approved data.
const unapprovedReason = "本年度数据未经审核通过（已设置仅采用审核通过的数据）"

// Unapproved returns the firms among ids whose data for the year are not approved.
func (a ApprovedData) Unapproved(ctx context.Context, year int, ids []int64) (map[int64]string, error) {
	on, err := approval.ApprovedOnly(ctx, a.DB)
	if err != nil || !on {
		return nil, err
	}
	approved, err := approval.ApprovedEnterprises(ctx, a.DB, strconv.Itoa(year))
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for _, id := range ids {
		if !approved[id] {
			out[id] = unapprovedReason
		}
	}
	return out, nil
}
