package httpapi_test

import (
	"context"

	"mfgplan/internal/access"
	"mfgplan/internal/cycle"
)

// Rows of the access matrix for the monthly loop (cycle.go).

// following is a read of 报送进度: every role scoped by its view, but the
// filer, who reads its own reports on the filing calendar.
func following() map[access.Role]expect {
	return with(every(200), access.RoleEnterprise, expect{403, 403})
}

// reminderBatch records a 催报 of the in- or out-of-scope firm as the
// system and puts its batch into {batch}.
func reminderBatch(e *env, _ access.Role, in bool) (map[string]string, error) {
	ent := e.Out
	if in {
		ent = e.In
	}
	rs, err := e.cycle.Remind(sysCtx(), cycle.RemindRequest{Dataset: "monthly", Period: "2025-05", EnterpriseIDs: []int64{ent}})
	if err != nil {
		return nil, err
	}
	return map[string]string{"{batch}": rs[0].Batch}, nil
}

func sysCtx() context.Context { return access.With(context.Background(), access.System) }

func cycleRows(rows map[string]entry) {
	const firms = "?dataset=monthly&period=2025-05&state=pending"
	for k, v := range map[string]entry{
		"GET /api/v1/filing/calendar":          {query: "?dataset=monthly", want: every(200)},
		"GET /api/v1/settings/filing-calendar": {want: every(200)},
		"PUT /api/v1/settings/filing-calendar": {body: `{"dataset":"monthly","months_after":1,"day":8}`, want: only(200, access.RoleAdmin, access.RoleCity)},
		"GET /api/v1/progress":                 {query: "?dataset=monthly&period=2025-05&by=county", prepare: setApproval("returned"), want: following()},
		// A returned report is pending: the list names the firms in scope only.
		"GET /api/v1/progress/firms":      {query: firms, prepare: setApproval("returned"), want: following()},
		"GET /api/v1/progress/firms.xlsx": {query: firms, prepare: setApproval("returned"), want: following()},
		"GET /api/v1/reminders":           {query: "?dataset=monthly&period=2025-05", prepare: setApproval("returned"), want: following()},
		// The reviewers and the city chase the firms they see; another
		// county's firm does not exist for them.
		"POST /api/v1/reminders": {prepare: setApproval("returned"), body: `{"dataset":"monthly","period":"2025-05","enterprise_ids":[{enterprise}]}`,
			want: with(with(with(with(only(200, access.RoleAdmin, access.RoleCity), access.RoleCounty, expect{200, 404}), access.RolePark, expect{200, 404}),
				access.RoleEnterprise, expect{403, 403}), access.RoleLeader, expect{403, 403})},
		"GET /api/v1/reminders/{batch}/notice.docx": {prepare: setApproval("returned"), vars: reminderBatch,
			want: with(scoped(200), access.RoleEnterprise, expect{403, 403})},
		"GET /api/v1/approvals/{enterprise}/{dataset}/{period}/review": {prepare: setApproval("submitted"), want: scoped(200)},
		// {action} approve in a batch of one: as the single step.
		"POST /api/v1/approvals/batch": {prepare: setApproval("submitted"),
			body: `{"action":"approve","items":[{"enterprise_id":{enterprise},"dataset":"monthly","period":"2025-05"}]}`,
			want: with(with(with(scoped(403), access.RoleAdmin, expect{200, 200}), access.RoleCounty, expect{200, 404}), access.RolePark, expect{200, 404})},
	} {
		rows[k] = v
	}
}
