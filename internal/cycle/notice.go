package cycle

import (
	"context"
	"fmt"
	"io"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/docx"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
)

// Notice writes the printable 催报单 of one batch of reminders: a page per
// firm saying which report was due when, where it stands and whom it was
// sent to, with the chasing unit and date for signature.
func (s *Service) Notice(ctx context.Context, batch string, w io.Writer) error {
	rs, err := s.Reminders(ctx, "", "", batch)
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return apperr.New(apperr.NotFound, "催报记录不存在或无权查看")
	}
	members, err := s.reg.Roster(ctx, registry.RosterFilter{})
	if err != nil {
		return err
	}
	byID := make(map[int64]registry.Member, len(members))
	for _, m := range members {
		byID[m.ID] = m
	}
	var d docx.Document
	for i, r := range rs {
		if i > 0 {
			d.PageBreak()
		}
		if err := s.noticePage(ctx, &d, r, byID[r.EnterpriseID]); err != nil {
			return err
		}
	}
	_, err = d.WriteTo(w)
	return err
}

func (s *Service) noticePage(ctx context.Context, d *docx.Document, r Reminder, m registry.Member) error {
	ds := s.cat.Dataset(r.Dataset)
	p, err := stats.ParsePeriod(r.Period)
	if err != nil {
		return err
	}
	due, err := s.due(ctx, s.db, r.Dataset)
	if err != nil {
		return err
	}
	at, _ := time.Parse(time.RFC3339, r.CreatedAt)
	d.Paragraph(docx.Title, "统计报表催报通知单")
	d.Paragraph(docx.Plain, fmt.Sprintf("%s（统一社会信用代码：%s）：", m.Name, m.USCC))
	d.Paragraph(docx.Body, fmt.Sprintf("贵单位%s《%s》应于%s前报送。截至%s，报送平台显示该报表状态为“%s”。请于收到本通知后尽快登录平台完成填报并上报；如有困难请及时与我们联系。",
		p.Label(), ds.Name, chineseDate(due.DueDate(p)), chineseDate(at.In(China)), r.StateName))
	if r.Note != "" {
		d.Paragraph(docx.Body, "说明："+r.Note)
	}
	contact := r.Contact
	if contact == "" {
		contact = "（企业尚未登记填报联系人，请补充）"
	}
	d.Paragraph(docx.Plain, "企业填报联系人："+contact)
	d.Paragraph(docx.Plain, "")
	d.Paragraph(docx.Right, "催报单位："+s.chasingUnit(ctx, m))
	d.Paragraph(docx.Right, "经办人："+r.Actor)
	d.Paragraph(docx.Right, chineseDate(at.In(China)))
	return nil
}

// chasingUnit names who sends the notice: the caller's county or park,
// else the city.
func (s *Service) chasingUnit(ctx context.Context, m registry.Member) string {
	switch access.From(ctx).Role {
	case access.RoleCounty:
		return m.CountyName
	case access.RolePark:
		return m.ParkName
	}
	return s.city
}

func chineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}
