package project

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
)

// LedgerDataset is the dataset code of the 项目台账 in the import history
// and the template's 填报说明.
const LedgerDataset = "project_ledger"

// ledgerColumn is one column of the 项目台账: the template writes and the
// import reads the same metadata.
type ledgerColumn struct {
	key, title, unit, note   string
	locked, number, required bool
}

var ledgerColumns = []ledgerColumn{
	{key: "number", title: "项目编号", note: "平台项目编号（XM开头），导入按此匹配项目；请勿修改", locked: true, required: true},
	{key: "name", title: "项目名称", note: "须与项目库一致", locked: true},
	{key: "county", title: "县（市、区）", note: "仅供核对，导入时不读取", locked: true},
	{key: "code", title: "项目代码", note: "投资项目在线审批监管平台赋码；填写时须与项目库一致", locked: true},
	{key: "planned", title: "年度计划投资", unit: "万元", note: "本年度计划完成投资，不得为负", number: true},
	{key: "ytd", title: "本年累计完成投资", unit: "万元", note: "1–N月累计数（本年1月起累计），不得为负，不得小于已报上月累计", number: true, required: true},
	{key: "progress", title: "形象进度", note: "本月形象进度，如 主体封顶、设备安装", required: false},
}

func (c ledgerColumn) header() string {
	if c.unit != "" {
		return c.title + "（" + c.unit + "）"
	}
	return c.title
}

// ledgerStages are the projects listed in a template: those that report
// investment (签约 to 竣工, and paused ones).
var ledgerStages = []Stage{Signed, Preparing, Started, Building, Completed, Paused}

// LedgerTemplate writes the 项目台账 workbook of a month for the projects
// the caller may enter, pre-filled with what is stored.
func (s *Service) LedgerTemplate(ctx context.Context, w io.Writer, period string) error {
	m, why := s.checkPeriod(period)
	if why != "" {
		return fieldError("period", "月份", why)
	}
	rows, err := s.ledgerRows(ctx, access.From(ctx).Enter, m)
	if err != nil {
		return err
	}
	book, err := xlsx.NewBook("") // the platform's own list of projects in scope
	if err != nil {
		return err
	}
	if err := book.AddTextSheet(collect.GuideSheet, s.ledgerGuide(m, len(rows)), 18, 90); err != nil {
		return err
	}
	cols := make([]xlsx.Column, len(ledgerColumns))
	zero := 0.0
	for i, c := range ledgerColumns {
		cols[i] = xlsx.Column{Header: c.header(), Width: 16, Key: c.locked}
		if c.number {
			cols[i].Kind, cols[i].Min = xlsx.Number, &zero
		}
	}
	cols[1].Width, cols[6].Width = 40, 30
	sw, err := book.StartSheet(xlsx.SheetSpec{Name: collect.DataSheet, Columns: cols, Protect: true, Validate: true})
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := sw.WriteRow(r, false); err != nil {
			return err
		}
	}
	if err := sw.Close(); err != nil {
		return err
	}
	_, err = book.WriteTo(w)
	return err
}

// ledgerRows are the template's rows for the projects of a scope.
func (s *Service) ledgerRows(ctx context.Context, sc access.Scope, m Month) ([][]any, error) {
	cond, args := scopeFilter(sc)
	var stages []any
	for _, st := range ledgerStages {
		stages = append(stages, string(st))
	}
	args = append([]any{m.Year, m.String()}, append(args, stages...)...)
	var out [][]any
	err := each(ctx, s.db, "the ledger", `SELECT p.id, p.name, p.county_code, COALESCE(p.code, ''), y.planned, i.ytd, COALESCE(i.progress, '')
		FROM projects p LEFT JOIN project_year_plans y ON y.project_id = p.id AND y.year = ?
		LEFT JOIN project_investments i ON i.project_id = p.id AND i.period = ?
		WHERE `+cond+` AND p.stage IN (`+placeholders(len(stages))+`) ORDER BY p.county_code, p.id`, args, func(r scanner) error {
		var id int64
		var name, county, code, progress string
		var planned, ytd *float64
		if err := r.Scan(&id, &name, &county, &code, &planned, &ytd, &progress); err != nil {
			return err
		}
		out = append(out, []any{number(id), name, s.places.counties[county], code, cellOf(planned), cellOf(ytd), progress})
		return nil
	})
	return out, err
}

func cellOf(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// ledgerGuide is the 填报说明 sheet: the codes the import reads back, how
// to fill in and every column with its rule.
func (s *Service) ledgerGuide(m Month, n int) [][]string {
	rows := [][]string{
		{"报表", "重大项目台账（月度投资调度）"},
		{collect.GuideDataset, LedgerDataset},
		{collect.GuidePeriod, m.String()},
		{"报告期名称", m.Label()},
		{"生成时间", time.Now().UTC().Format(time.RFC3339)},
		{"项目数", strconv.Itoa(n)},
		{"填写方法", "在「" + collect.DataSheet + "」表中逐个项目填写年度计划投资、本年累计完成投资和形象进度；项目编号、名称、区县和项目代码已预填并锁定。"},
		{"", "数值直接输入，不要使用公式，不要带单位或文字；金额单位为万元。整个文件检查无误才导入，有任何错误则一个数也不写入，并返回标注了错误单元格的工作簿。"},
		{},
		{"列", "说明"},
	}
	for _, c := range ledgerColumns {
		rows = append(rows, []string{c.header(), c.note})
	}
	return rows
}

// ImportLedger imports a 项目台账 workbook through the statistics import
// machinery: all or nothing, every cell checked, an annotated workbook for
// a rejected file, dry run and history.
func (s *Service) ImportLedger(ctx context.Context, req collect.ImportRequest) (*collect.ImportResult, error) {
	if s.collect == nil {
		return nil, fmt.Errorf("project service built without the import machinery (Config.Collect)")
	}
	p := access.From(ctx)
	if p.Role == access.RoleLeader || p.Role == access.RoleEnterprise || p.Enter.Empty() {
		return nil, apperr.New(apperr.Forbidden, "无权导入项目台账")
	}
	return s.collect.ImportTable(ctx, req, &ledgerImport{s: s})
}

// ledgerImport is one 项目台账 file being imported (a collect.Table).
type ledgerImport struct {
	s        *Service
	month    Month
	cells    *collect.Cells // its Source() names the import once it is recorded
	projects map[int64]ledgerProject
	cols     map[string]int // column key → index
	seen     map[int64]int  // project → row
	recs     []ledgerRecord
	user     string
}

type ledgerProject struct{ name, code string }

type ledgerRecord struct {
	id       int64
	row      int
	planned  *float64
	ytd      *float64
	progress string
}

func (li *ledgerImport) Guide() [][]string { return li.s.ledgerGuide(li.month, 0) }

// Begin settles the month (from the request or the 填报说明), takes the
// ledger's lock for it and loads the projects the caller may enter.
func (li *ledgerImport) Begin(ctx context.Context, tx *store.Tx, req collect.ImportRequest, meta map[string]string, c *collect.Cells) (string, string, error) {
	if ds := meta[collect.GuideDataset]; (ds != "" && ds != LedgerDataset) || (req.Dataset != "" && req.Dataset != LedgerDataset) {
		return LedgerDataset, "", apperr.New(apperr.Invalid, "文件的数据集为「%s」，不是项目台账（%s）；请使用项目台账模板", firstOf(ds, req.Dataset), LedgerDataset)
	}
	period := firstOf(req.Period, meta[collect.GuidePeriod])
	if req.Period != "" && meta[collect.GuidePeriod] != "" && req.Period != meta[collect.GuidePeriod] {
		return LedgerDataset, period, apperr.New(apperr.Invalid, "文件中的报告期为 %s，与指定的 %s 不一致", meta[collect.GuidePeriod], req.Period)
	}
	if period == "" {
		return LedgerDataset, "", apperr.New(apperr.Invalid, "未指定报告期：请指定月份（模板的「填报说明」表中已写明）")
	}
	m, why := li.s.checkPeriod(period)
	if why != "" {
		return LedgerDataset, period, apperr.New(apperr.Invalid, "报告期：%s", why)
	}
	li.month, li.cells, li.user = m, c, access.From(ctx).User
	if err := tx.Lock(ctx, LedgerDataset+":"+m.String()); err != nil {
		return LedgerDataset, period, err
	}
	var err error
	li.projects, err = li.s.enterable(ctx, tx)
	li.seen = map[int64]int{}
	return LedgerDataset, m.String(), err
}

// enterable lists the projects the caller may enter figures for.
func (s *Service) enterable(ctx context.Context, q store.Querier) (map[int64]ledgerProject, error) {
	cond, args := scopeFilter(access.From(ctx).Enter)
	out := map[int64]ledgerProject{}
	err := each(ctx, q, "projects", `SELECT p.id, p.name, COALESCE(p.code, '') FROM projects p WHERE `+cond, args, func(r scanner) error {
		var id int64
		var lp ledgerProject
		err := r.Scan(&id, &lp.name, &lp.code)
		out[id] = lp
		return err
	})
	return out, err
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Header maps the row holding 项目编号 by title (with or without the unit).
func (li *ledgerImport) Header(r xlsx.Row, c *collect.Cells) bool {
	at := -1
	for i, text := range r.Cells {
		if n, _, _ := collect.SplitHeader(text); n == ledgerColumns[0].title {
			at = i
		}
	}
	if at < 0 {
		return false
	}
	li.cols = map[string]int{}
	for i, text := range r.Cells {
		li.mapTitle(r.Num, i, text, c)
	}
	for _, col := range ledgerColumns {
		if _, ok := li.cols[col.key]; !ok && col.required {
			c.Error(r.Num, -1, col.title, "表头中没有「"+col.header()+"」列；请使用项目台账模板")
		}
	}
	return true
}

func (li *ledgerImport) mapTitle(row, i int, text string, c *collect.Cells) {
	whole, _, _ := collect.SplitHeader(text + "（）") // normalised brackets and spaces, nothing split off
	whole = strings.TrimSuffix(whole, "（）")
	n, unit, hasUnit := collect.SplitHeader(text)
	if whole == "" || whole == collect.ErrorsColumn {
		return
	}
	for _, col := range ledgerColumns {
		switch {
		case whole == col.title:
			hasUnit = false
		case n != col.title:
			continue
		}
		switch _, dup := li.cols[col.key]; {
		case dup:
			c.Error(row, i, col.title, "列标题重复：同一列只能出现一次")
		case hasUnit && unit != col.unit:
			c.Error(row, i, col.title, "列标题的单位「"+unit+"」与台账的单位「"+col.unit+"」不一致；请按"+col.unit+"填写，并使用模板的列标题")
		default:
			li.cols[col.key] = i
		}
		return
	}
	c.Error(row, i, strings.TrimSpace(text), "无法识别的列标题「"+clip(strings.TrimSpace(text))+"」；请使用项目台账模板的列标题")
}

// cell returns the text of a mapped column of r and its index (−1: no column).
func (li *ledgerImport) cell(r xlsx.Row, key string) (string, int) {
	i, ok := li.cols[key]
	if !ok {
		return "", -1
	}
	if i < len(r.Cells) && !r.IsFormula(i) {
		return strings.TrimSpace(r.Cells[i]), i
	}
	return "", i
}

// Row checks one project's row: the project (known, in scope, once), its
// name and code as in the library, and the figures.
func (li *ledgerImport) Row(_ context.Context, r xlsx.Row, c *collect.Cells) error {
	text, col := li.cell(r, "number")
	id, ok := parseNumber(text)
	lp, known := li.projects[id]
	switch {
	case text == "":
		c.Error(r.Num, col, "项目编号", "项目编号为空")
		return nil
	case !ok || !known:
		c.Error(r.Num, col, "项目编号", "项目库中没有「"+clip(text)+"」，或不是本单位可填报的项目")
		return nil
	case li.seen[id] > 0:
		c.Error(r.Num, col, "项目编号", "与第"+strconv.Itoa(li.seen[id])+"行重复：同一项目在文件中出现两次")
		return nil
	}
	li.seen[id] = r.Num
	if n, i := li.cell(r, "name"); n != "" && n != lp.name {
		c.Error(r.Num, i, "项目名称", "项目名称与项目库不一致：文件中为「"+clip(n)+"」，项目库中为「"+lp.name+"」")
	}
	if code, i := li.cell(r, "code"); code != "" {
		if norm, err := NormalizeCode(code); err != nil || norm != lp.code {
			c.Error(r.Num, i, "项目代码", "项目代码与项目库不一致：文件中为「"+clip(code)+"」，项目库中为「"+firstOf(lp.code, "（未赋码）")+"」")
		}
	}
	rec := ledgerRecord{id: id, row: r.Num}
	rec.planned = li.number(r, "planned", c)
	rec.ytd = li.number(r, "ytd", c)
	if p, i := li.cell(r, "progress"); len([]rune(p)) > 500 {
		c.Error(r.Num, i, "形象进度", "不能超过500个字")
	} else {
		rec.progress = p
	}
	if rec.ytd == nil && rec.planned == nil && rec.progress == "" {
		return nil
	}
	li.recs = append(li.recs, rec)
	return nil
}

// number reads a 万元 cell: a number, not negative.
func (li *ledgerImport) number(r xlsx.Row, key string, c *collect.Cells) *float64 {
	text, col := li.cell(r, key)
	title := map[string]string{"planned": "年度计划投资（万元）", "ytd": "本年累计完成投资（万元）"}[key]
	v, ok, msg := collect.ParseNumber(text, "万元", false)
	switch {
	case msg != "":
		c.Error(r.Num, col, title, msg)
	case ok && v < 0:
		c.Error(r.Num, col, title, "不得为负，实际为 "+money(v)+" 万元")
	case ok:
		return &v
	}
	return nil
}
