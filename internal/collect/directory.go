package collect

import (
	"context"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
)

// enterprise is a registry entry as the import sees it: who it is and what
// the caller may do with it.
type enterprise struct {
	id       int64
	uscc     string
	name     string
	canView  bool
	canEnter bool
}

// directory indexes the registry by USCC and id for one import.
type directory struct {
	byUSCC map[string]*enterprise
	byID   map[int64]*enterprise
}

// loadDirectory reads every enterprise with the caller's view and enter
// scopes evaluated by the database (Scope.EnterpriseFilter), so that "not
// registered" and "not yours" can be told apart without leaking what the
// caller may not see.
func loadDirectory(ctx context.Context, q store.Querier) (*directory, error) {
	p := access.From(ctx)
	view, vargs := p.View.EnterpriseFilter("e")
	enter, eargs := p.Enter.EnterpriseFilter("e")
	rows, err := q.Query(ctx, `SELECT e.id, e.uscc, e.name,
		CASE WHEN `+view+` THEN 1 ELSE 0 END, CASE WHEN `+enter+` THEN 1 ELSE 0 END
		FROM enterprises e`, append(vargs, eargs...)...)
	if err != nil {
		return nil, must(err, "reading the enterprise registry")
	}
	defer rows.Close()
	d := &directory{byUSCC: map[string]*enterprise{}, byID: map[int64]*enterprise{}}
	for rows.Next() {
		var e enterprise
		var v, en int
		if err := rows.Scan(&e.id, &e.uscc, &e.name, &v, &en); err != nil {
			return nil, must(err, "reading the enterprise registry")
		}
		e.canView = v == 1
		e.canEnter = en == 1 && e.canView && p.Role != access.RoleLeader
		d.byUSCC[e.uscc] = &e
		d.byID[e.id] = &e
	}
	return d, must(rows.Err(), "reading the enterprise registry")
}

// lookup finds the enterprise the caller may write for, or says why not.
// Enterprises the caller may not view read as unknown.
func (d *directory) lookup(e *enterprise, key string) (*enterprise, string) {
	switch {
	case e == nil || !e.canView:
		return nil, key + " 未在企业名录中登记（或无权查看），请先在企业名录中登记该企业"
	case !e.canEnter:
		return nil, "无权填报该企业（" + e.name + "）的数据：不在您的填报范围内"
	}
	return e, ""
}

// sameName compares names ignoring spaces and bracket width.
func sameName(a, b string) bool {
	norm := strings.NewReplacer("(", "（", ")", "）", " ", "", "\u3000", "")
	return norm.Replace(a) == norm.Replace(b)
}
