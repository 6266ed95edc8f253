package project

import (
	"context"
	"fmt"
	"io"
	"time"

	"mfgplan/internal/xlsx"
)

// Bulletin writes the monthly 通报 workbook for the projects the caller may
// see: by county (projects by stage, investment against plan, lights,
// overdue approvals, open problems), every project with its light and
// reason, the overdue 前期手续 and the open 要素保障 problems.
func (s *Service) Bulletin(ctx context.Context, w io.Writer, period string) (string, error) {
	sum, err := s.Summary(ctx, SummaryQuery{Period: period})
	if err != nil {
		return "", err
	}
	m, _ := ParseMonth(sum.Period)
	book, err := xlsx.NewBook("") // the platform's own summary of the projects in scope
	if err != nil {
		return "", err
	}
	note := fmt.Sprintf("重大项目推进情况通报（%s，%s，序时进度 %s%%，金额单位：万元）", m.Label(), sum.RuleSetName, pct(sum.Schedule))
	for _, sheet := range []func(context.Context, *xlsx.Book, *Summary, Month, string) error{s.bulletinCounties, s.bulletinProjects, s.bulletinOverdue, s.bulletinProblems} {
		if err := sheet(ctx, book, sum, m, note); err != nil {
			return "", err
		}
	}
	if _, err := book.WriteTo(w); err != nil {
		return "", err
	}
	return "重大项目通报_" + m.String() + ".xlsx", nil
}

func textColumns(widths map[int]float64, titles ...string) []xlsx.Column {
	cols := make([]xlsx.Column, len(titles))
	for i, t := range titles {
		cols[i] = xlsx.Column{Header: t, Width: 12}
		if w, ok := widths[i]; ok {
			cols[i].Width = w
		}
	}
	return cols
}

func (s *Service) bulletinCounties(_ context.Context, book *xlsx.Book, sum *Summary, _ Month, note string) error {
	titles := []string{"县（市、区）", "项目数"}
	for _, st := range sum.Stages {
		titles = append(titles, st.Name)
	}
	titles = append(titles, "年度计划投资", "累计完成投资", "完成率（%）", "红灯", "黄灯", "绿灯", "未亮灯", "手续逾期项目", "未解决问题")
	sw, err := book.StartSheet(xlsx.SheetSpec{Name: "分区县汇总", Columns: textColumns(map[int]float64{0: 22}, titles...), Note: note})
	if err != nil {
		return err
	}
	write := func(name string, t Tally) error {
		row := []any{name, t.Projects}
		for _, st := range sum.Stages {
			row = append(row, t.ByStage[st.Code])
		}
		row = append(row, t.Planned, t.YTD, cellOf(t.Completion), t.ByLight[LightRed], t.ByLight[LightYellow], t.ByLight[LightGreen], t.ByLight[LightNone], t.Overdue, t.OpenProblems)
		return sw.WriteRow(row, t.ByLight[LightRed] > 0)
	}
	for _, c := range sum.Counties {
		if err := write(c.Name, c.Tally); err != nil {
			return err
		}
	}
	if err := write("合计", sum.Total); err != nil {
		return err
	}
	return sw.Close()
}

func (s *Service) bulletinProjects(ctx context.Context, book *xlsx.Book, sum *Summary, _ Month, note string) error {
	sw, err := book.StartSheet(xlsx.SheetSpec{Name: "项目明细", Note: note, Columns: textColumns(map[int]float64{1: 40, 11: 90},
		"项目编号", "项目名称", "县（市、区）", "园区", "阶段", "储备层级", "总投资", "年度计划投资", "累计完成投资", "完成率（%）", "灯色", "亮灯原因")})
	if err != nil {
		return err
	}
	for offset := 0; ; offset += MaxLimit {
		page, err := s.List(ctx, Filter{Period: sum.Period, Sort: "light", Desc: true, Limit: MaxLimit, Offset: offset})
		if err != nil {
			return err
		}
		for _, it := range page.Items {
			row := []any{it.Number, it.Project.Name, it.CountyName, it.ParkName, it.StageName, it.TierName, cellOf(it.TotalInvestment),
				cellOf(it.Planned), cellOf(it.YTD), cellOf(it.Completion), it.Light.Name, it.Reason}
			if err := sw.WriteRow(row, it.Light.Light == LightRed); err != nil {
				return err
			}
		}
		if offset+MaxLimit >= page.Total {
			break
		}
	}
	return sw.Close()
}

func (s *Service) bulletinOverdue(ctx context.Context, book *xlsx.Book, _ *Summary, m Month, note string) error {
	sw, err := book.StartSheet(xlsx.SheetSpec{Name: "逾期手续", Note: note, Columns: textColumns(map[int]float64{1: 40, 3: 30, 6: 20},
		"项目编号", "项目名称", "县（市、区）", "手续", "办理时限", "逾期天数", "责任部门")})
	if err != nil {
		return err
	}
	list, err := s.overdueApprovals(ctx, s.asOf(m))
	if err != nil {
		return err
	}
	for _, o := range list {
		if err := sw.WriteRow([]any{o.number, o.project, o.county, o.Name, o.Deadline, o.Days, o.department}, o.Days > 30); err != nil {
			return err
		}
	}
	return sw.Close()
}

func (s *Service) bulletinProblems(ctx context.Context, book *xlsx.Book, _ *Summary, _ Month, note string) error {
	sw, err := book.StartSheet(xlsx.SheetSpec{Name: "未解决问题", Note: note, Columns: textColumns(map[int]float64{1: 40, 4: 50, 5: 20},
		"项目编号", "项目名称", "县（市、区）", "问题类型", "问题描述", "责任单位", "办结时限", "状态", "提出日期")})
	if err != nil {
		return err
	}
	open, err := s.problems(ctx, ProblemFilter{Open: true})
	if err != nil {
		return err
	}
	for _, p := range open {
		row := []any{number(p.ProjectID), p.ProjectName, s.places.counties[p.County], p.KindName, p.Description, p.OwnerUnit, p.Deadline, p.StatusName, p.RaisedOn}
		if err := sw.WriteRow(row, p.Overdue); err != nil {
			return err
		}
	}
	return sw.Close()
}

// overdueItem is an overdue approval with its project, for lists.
type overdueItem struct {
	Overdue
	number, project, county, department string
}

// overdueApprovals lists the overdue required 前期手续 of the projects the
// caller may see as of d, most overdue first.
func (s *Service) overdueApprovals(ctx context.Context, d time.Time) ([]overdueItem, error) {
	cond, args := scopeFilter(accessView(ctx))
	names := s.itemNames()
	var out []overdueItem
	err := each(ctx, s.db, "overdue approvals", `SELECT p.id, p.name, p.county_code, p.planned_start, a.item, a.required, a.status, a.deadline, a.done_on, a.department
		FROM project_approvals a JOIN projects p ON p.id = a.project_id
		WHERE a.required = ? AND a.status <> 'not_needed' AND p.stage NOT IN ('completed', 'producing', 'terminated') AND `+cond,
		append([]any{true}, args...), func(r scanner) error {
			var id int64
			var name, county, ps, item, status, deadline, doneOn, dept string
			var required bool
			if err := r.Scan(&id, &name, &county, &ps, &item, &required, &status, &deadline, &doneOn, &dept); err != nil {
				return err
			}
			due := dueOn(deadline, ps)
			if days := overdueDays(required, status, due, doneOn, d); days > 0 {
				out = append(out, overdueItem{Overdue{Item: item, Name: names[item], Deadline: due, Days: days}, number(id), name, s.places.counties[county], dept})
			}
			return nil
		})
	sortOverdue(out)
	return out, err
}
