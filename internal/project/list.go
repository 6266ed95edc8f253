package project

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"mfgplan/internal/access"
)

// Filter narrows the library. Empty fields do not filter.
type Filter struct {
	Stage     string `json:"stage,omitempty"`
	Tier      string `json:"tier,omitempty"`
	County    string `json:"county,omitempty"`
	Park      string `json:"park,omitempty"`
	Cluster   string `json:"cluster,omitempty"`
	SubSector string `json:"sub_sector,omitempty"`
	Chain     string `json:"chain,omitempty"`
	Node      string `json:"node,omitempty"`
	Light     string `json:"light,omitempty"`
	Origin    string `json:"origin,omitempty"`
	Overdue   bool   `json:"overdue,omitempty"` // only projects with an overdue 前期手续 item
	Query     string `json:"q,omitempty"`       // part of the name, 项目代码 or owner
	// Period is the month whose lights are shown (latest month with figures when empty).
	Period string `json:"period,omitempty"`
	Sort   string `json:"sort,omitempty"` // see sortColumns
	Desc   bool   `json:"desc,omitempty"`
	Limit  int    `json:"limit,omitempty"`
	Offset int    `json:"offset,omitempty"`
}

// MaxLimit caps a page.
const MaxLimit = 500

// sortColumns are the orders the library offers; anything else is refused.
var sortColumns = map[string]string{
	"id":               "p.id",
	"name":             "p.name",
	"county":           "p.county_code",
	"stage":            stageOrder,
	"total_investment": "COALESCE(p.total_investment, -1)",
	"planned_start":    "p.planned_start",
	"registered_on":    "p.registered_on",
	"light":            "COALESCE(l.light_rank, 0)",
	"completion":       "COALESCE(l.completion, -1)",
	"ytd":              "COALESCE(l.ytd, -1)",
	"overdue":          "COALESCE(l.overdue, 0)",
}

// stageOrder sorts by the stage's place in the lifecycle.
var stageOrder = func() string {
	var b strings.Builder
	b.WriteString("CASE p.stage")
	for _, st := range append(append([]Stage{}, forward...), Paused, Terminated) {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", st, st.rank())
	}
	b.WriteString(" END")
	return b.String()
}()

// Item is a library row: the project and its light in the month shown.
type Item struct {
	Project
	Light
}

// Page is one page of the library.
type Page struct {
	Items       []Item `json:"items"`
	Total       int    `json:"total"`
	Limit       int    `json:"limit"`
	Offset      int    `json:"offset"`
	Period      string `json:"period"`
	PeriodLabel string `json:"period_label"`
	RuleSet     string `json:"rule_set"`
	RuleSetName string `json:"rule_set_name"`
	Unit        string `json:"unit"`
}

// List returns a page of the projects the caller may see, with their lights.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	m, err := s.periodOrLatest(ctx, f.Period)
	if err != nil {
		return nil, err
	}
	rs, err := s.ensureRun(ctx, m)
	if err != nil {
		return nil, err
	}
	where, args, err := s.where(ctx, f)
	if err != nil {
		return nil, err
	}
	order, ok := sortColumns[orDefault(f.Sort, "id")]
	if !ok {
		return nil, fieldError("sort", "排序", "「"+clip(f.Sort)+"」不可用，可按 "+sortNames())
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	page := &Page{Items: []Item{}, Limit: f.Limit, Offset: max(f.Offset, 0), Period: m.String(), PeriodLabel: m.Label(), RuleSet: rs.ID, RuleSetName: rs.Name, Unit: "万元"}
	if page.Limit <= 0 || page.Limit > MaxLimit {
		page.Limit = min(max(page.Limit, 20), MaxLimit)
	}
	from := ` FROM projects p LEFT JOIN project_lights l ON l.project_id = p.id AND l.period = ? AND l.rule_set = ? WHERE ` + where
	largs := append([]any{m.String(), rs.ID}, args...)
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*)`+from, largs...).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("counting projects: %w", err)
	}
	// The page's ids first, so the sort carries keys only, then their rows.
	var ids []any
	err = each(ctx, s.db, "the library", `SELECT p.id`+from+` ORDER BY `+order+dir+`, p.id`+dir+` LIMIT ? OFFSET ?`, append(largs, page.Limit, page.Offset), func(r scanner) error {
		var id int64
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	})
	if err != nil || len(ids) == 0 {
		return page, err
	}
	byID := map[int64]Item{}
	err = each(ctx, s.db, "the library", `SELECT `+projectColumns+`, COALESCE(l.light, 'none'), COALESCE(l.reason, ''), l.ytd, l.planned, l.completion, COALESCE(l.overdue, 0)
		FROM projects p LEFT JOIN project_lights l ON l.project_id = p.id AND l.period = ? AND l.rule_set = ? WHERE p.id IN (`+placeholders(len(ids))+`)`,
		append([]any{m.String(), rs.ID}, ids...), func(r scanner) error {
			var it Item
			p, err := scanProject(r, &it.Light.Light, &it.Reason, &it.YTD, &it.Planned, &it.Completion, &it.Overdue)
			s.name(&p)
			it.Project, it.Light.Name = p, LightNames[it.Light.Light]
			byID[p.ID] = it
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("listing projects: %w", err)
	}
	for _, id := range ids {
		page.Items = append(page.Items, byID[id.(int64)])
	}
	return page, s.fillNodes(ctx, page.Items)
}

// fillNodes reads the chain nodes of a page's projects in one query.
func (s *Service) fillNodes(ctx context.Context, items []Item) error {
	if len(items) == 0 {
		return nil
	}
	byID := map[int64]*Item{}
	var args []any
	for i := range items {
		byID[items[i].ID] = &items[i]
		args = append(args, items[i].ID)
	}
	return each(ctx, s.db, "chain nodes", `SELECT project_id, node_code FROM project_nodes WHERE project_id IN (`+placeholders(len(args))+`) ORDER BY node_code`, args, func(r scanner) error {
		var id int64
		var n string
		if err := r.Scan(&id, &n); err != nil {
			return err
		}
		byID[id].Nodes = append(byID[id].Nodes, n)
		return nil
	})
}

func sortNames() string {
	var out []string
	for k := range sortColumns {
		out = append(out, k)
	}
	return strings.Join(sortedStrings(out), "、")
}

// where builds the condition on projects p (and lights l) for the caller's
// view scope and the filter; unknown codes are refused with the field named.
func (s *Service) where(ctx context.Context, f Filter) (string, []any, error) {
	cond, args := scopeFilter(access.From(ctx).View)
	conds := []string{cond}
	eq := func(col, v string) {
		if v != "" {
			conds = append(conds, col+" = ?")
			args = append(args, v)
		}
	}
	var ps fieldProblems
	if f.Stage != "" && !Stage(f.Stage).valid() {
		ps.add("stage", "阶段", "「"+clip(f.Stage)+"」不是项目阶段")
	}
	if f.Light != "" && LightNames[f.Light] == "" {
		ps.add("light", "灯色", "「"+clip(f.Light)+"」不可用，可选 red、yellow、green、none")
	}
	if f.County != "" && s.places.counties[f.County] == "" {
		ps.add("county", "县（市、区）", "「"+clip(f.County)+"」不是规划所列的区县")
	}
	if f.Park != "" && s.places.parks[f.Park].Code == "" {
		ps.add("park", "园区", "「"+clip(f.Park)+"」不是规划所列的园区")
	}
	if f.Cluster != "" && s.places.clusters[f.Cluster] == "" {
		ps.add("cluster", "产业集群", "「"+clip(f.Cluster)+"」不是规划所列的产业集群")
	}
	eq("p.stage", f.Stage)
	eq("p.tier", f.Tier)
	eq("p.county_code", f.County)
	eq("p.park_code", f.Park)
	eq("p.cluster_code", f.Cluster)
	eq("p.sub_sector_code", f.SubSector)
	eq("p.origin", f.Origin)
	if f.Light != "" {
		conds = append(conds, "COALESCE(l.light, 'none') = ?")
		args = append(args, f.Light)
	}
	if f.Overdue {
		conds = append(conds, "l.overdue > 0")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		conds = append(conds, "(p.name LIKE ? OR COALESCE(p.code, '') LIKE ? OR p.owner_name LIKE ?)")
		like := "%" + q + "%"
		args = append(args, like, like, like)
	}
	if err := s.nodeFilter(f, &conds, &args, &ps); err != nil {
		return "", nil, err
	}
	return strings.Join(conds, " AND "), args, ps.err()
}

// nodeFilter keeps projects linked to the node, or to any node of the chain.
func (s *Service) nodeFilter(f Filter, conds *[]string, args *[]any, ps *fieldProblems) error {
	var nodes []string
	switch {
	case f.Node != "" && s.places.nodes[f.Node] == "":
		ps.add("node", "产业链节点", "「"+clip(f.Node)+"」不是规划产业链上的节点")
		return nil
	case f.Node != "":
		nodes = []string{f.Node}
	case f.Chain != "":
		if nodes = s.chainNodes(f.Chain); nodes == nil {
			ps.add("chain", "产业链", "「"+clip(f.Chain)+"」不是规划所列的产业链")
			return nil
		}
	default:
		return nil
	}
	*conds = append(*conds, "EXISTS (SELECT 1 FROM project_nodes n WHERE n.project_id = p.id AND n.node_code IN ("+placeholders(len(nodes))+"))")
	for _, n := range nodes {
		*args = append(*args, n)
	}
	return nil
}

// periodOrLatest reads a month, or picks the latest month with reported
// investment (last month when there is none).
func (s *Service) periodOrLatest(ctx context.Context, period string) (Month, error) {
	if period != "" {
		m, why := s.checkPeriod(period)
		if why != "" {
			return m, fieldError("period", "月份", why)
		}
		return m, nil
	}
	var latest sql.NullString
	if err := s.db.QueryRow(ctx, `SELECT MAX(period) FROM project_investments`).Scan(&latest); err != nil {
		return Month{}, fmt.Errorf("finding the latest month with figures: %w", err)
	}
	if latest.Valid {
		return ParseMonth(latest.String)
	}
	return monthOf(s.today()).Prev(), nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
