package cycle

import (
	"context"

	"mfgplan/internal/approval"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
)

// State is where one firm's report of one period stands, as the filer and
// the reviewer read it: the approval status, and before submission whether
// any figure is stored.
type State string

const (
	Unfiled   State = "unfiled"   // 未填报: nothing stored, nothing submitted
	Imported  State = "imported"  // 已导入: figures stored, not yet submitted
	Submitted State = "submitted" // 已上报: waiting for the county or park
	Returned  State = "returned"  // 已退回: to be corrected and submitted again
	Approved  State = "approved"  // 审核通过: waiting for the city
	Accepted  State = "accepted"  // 已确认 by the city
	Unlocked  State = "unlocked"  // 已解锁 by the city: may be changed and submitted again
)

// StateNames are the states as users read them.
var StateNames = map[State]string{
	Unfiled: "未填报", Imported: "已导入", Submitted: "已上报", Returned: "已退回",
	Approved: "审核通过", Accepted: "已确认", Unlocked: "已解锁",
}

// stateOf combines the approval status (zero State: none) and whether
// figures are stored.
func stateOf(st approval.State, hasData bool) State {
	switch {
	case st.Status != "":
		return State(st.Status)
	case hasData:
		return Imported
	}
	return Unfiled
}

// sent reports whether the report has been submitted and not returned:
// it counts as 已上报 in 报送进度 and is locked.
func (s State) sent() bool { return s == Submitted || s == Approved || s == Accepted }

// snapshot is the state of every firm in the caller's view for a dataset
// in some periods.
type snapshot struct {
	members []registry.Member
	states  map[string]map[int64]approval.State
	filed   map[string]map[int64]bool
}

// take reads the roster, the approval states and which firms have stored
// figures, for dataset in periods.
func (s *Service) take(ctx context.Context, ds *stats.Dataset, periods []stats.Period, f registry.RosterFilter) (snapshot, error) {
	ids := make([]string, len(periods))
	years := map[int]bool{}
	for i, p := range periods {
		ids[i] = p.ID()
		if !years[p.Year] {
			years[p.Year] = true
			f.Years = append(f.Years, p.Year)
		}
	}
	var snap snapshot
	var err error
	if snap.members, err = s.reg.Roster(ctx, f); err != nil {
		return snap, err
	}
	if snap.states, err = approval.Statuses(ctx, s.db, ds.Code, ids); err != nil {
		return snap, err
	}
	snap.filed, err = stats.Reporting(ctx, s.db, ids, ds.Elements)
	return snap, err
}

// expected reports whether m is expected to file p: a 规上 firm of p's
// year (联网直报 covers 规上 enterprises), or any firm that has filed or
// submitted p anyway.
func (snap snapshot) expected(m registry.Member, p stats.Period) bool {
	_, hasRow := snap.states[p.ID()][m.ID]
	return m.AboveScale[p.Year] || hasRow || snap.filed[p.ID()][m.ID]
}

// state is m's state for p.
func (snap snapshot) state(m registry.Member, p stats.Period) (State, approval.State) {
	st := snap.states[p.ID()][m.ID]
	return stateOf(st, snap.filed[p.ID()][m.ID]), st
}

// Counts are 报送进度 for a group of firms: each count includes the later
// steps (已上报 counts the approved and accepted too), so they never rise
// along the row.
type Counts struct {
	Expected  int `json:"expected"`  // 应报
	Filed     int `json:"filed"`     // 已报: figures stored
	Submitted int `json:"submitted"` // 已上报 (incl. 已审核, 已确认)
	Approved  int `json:"approved"`  // 已审核 (incl. 已确认)
	Accepted  int `json:"accepted"`  // 已确认
	Returned  int `json:"returned"`  // 已退回, waiting for the firm
	Pending   int `json:"pending"`   // 未上报: expected − submitted
}

func (c *Counts) add(st State, hasData bool) {
	c.Expected++
	if hasData {
		c.Filed++
	}
	if st.sent() {
		c.Submitted++
	} else {
		c.Pending++
	}
	if st == Approved || st == Accepted {
		c.Approved++
	}
	if st == Accepted {
		c.Accepted++
	}
	if st == Returned {
		c.Returned++
	}
}
