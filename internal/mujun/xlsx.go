package mujun

import (
	"bytes"
	"context"
	"fmt"

	"mfgplan/internal/xlsx"
)

// Table is one sheet of an export: a title line (what, which year, which
// unit), a header row and the rows.
type Table struct {
	Sheet  string
	Title  string
	Header []string
	Rows   [][]any
}

// writeXLSX writes the tables as sheets of one workbook with the platform's
// streaming sheet writer (internal/xlsx), so a city-wide ranking is written
// in bounded memory.
func writeXLSX(tables ...Table) ([]byte, error) {
	book, err := xlsx.NewBook("") // a ranking is the platform's own data, bounded by the number of firms
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		cols := make([]xlsx.Column, len(t.Header))
		for i, h := range t.Header {
			cols[i] = xlsx.Column{Header: h}
		}
		sw, err := book.StartSheet(xlsx.SheetSpec{Name: t.Sheet, Columns: cols, Note: t.Title})
		if err != nil {
			return nil, err
		}
		for i, row := range t.Rows {
			if err := sw.WriteRow(row, false); err != nil {
				return nil, fmt.Errorf("writing row %d of %s: %w", i+1, t.Sheet, err)
			}
		}
		if err := sw.Close(); err != nil {
			return nil, fmt.Errorf("finishing sheet %s: %w", t.Sheet, err)
		}
	}
	var buf bytes.Buffer
	if _, err := book.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// amountCell is a surcharge for a sheet: the number, or the words saying it is not set.
func amountCell(a *float64) any {
	if a == nil {
		return "未设定"
	}
	return *a
}

// ExportEntries writes a run's ranking (filtered like Entries) as xlsx.
func (s *Service) ExportEntries(ctx context.Context, runID int64, f EntryFilter) ([]byte, error) {
	f.Limit, f.Offset = 0, 0
	page, err := s.Entries(ctx, runID, f)
	if err != nil {
		return nil, err
	}
	lm, err := s.storedMethod(ctx, page.Run.MethodHash)
	if err != nil {
		return nil, err
	}
	t := Table{Sheet: "评价结果", Title: fmt.Sprintf("%d年度 %s 第%d版（%s）；单位：%s", page.Run.Year, lm.Method.Name, page.Run.Version, page.Run.Status, scoreUnit),
		Header: []string{"全市排名", "县区排名", "企业名称", "统一社会信用代码", "县区", "园区", "集群"}}
	inds := lm.Method.AllIndicators()
	for _, ind := range inds {
		t.Header = append(t.Header, ind.Name+"（"+ind.Unit+"）", ind.Name+"得分")
	}
	t.Header = append(t.Header, "加减分", "总分", "类别", "说明")
	for _, e := range page.Items {
		row := []any{e.RankCity, e.RankCounty, e.Name, e.USCC, e.County, e.Park, e.Cluster}
		for k := range inds {
			if k < len(e.Items) && !e.Items[k].Missing {
				row = append(row, e.Items[k].Value, e.Items[k].Score)
			} else if k < len(e.Items) {
				row = append(row, "缺失", e.Items[k].Score)
			} else {
				row = append(row, "", "")
			}
		}
		var adj float64
		for _, a := range e.Adjustments {
			adj += a.Points
		}
		row = append(row, adj, e.Total, e.Class, e.Reason)
		t.Rows = append(t.Rows, row)
	}
	return writeXLSX(t)
}

// ExportDistribution writes a run's class distribution as xlsx.
func (s *Service) ExportDistribution(ctx context.Context, runID int64) ([]byte, error) {
	d, err := s.Distribution(ctx, runID)
	if err != nil {
		return nil, err
	}
	t := Table{Sheet: "类别分布", Title: fmt.Sprintf("%d年度 %s 第%d版 类别分布；单位：%s", d.Run.Year, d.Run.MethodID, d.Run.Version, d.Unit),
		Header: []string{"县区", "参评分类企业数", "A", "B", "C", "D", "T", "A占比", "B占比", "C占比", "D占比"}}
	for _, g := range append(d.Counties, d.All) {
		t.Rows = append(t.Rows, []any{g.County, g.Graded, g.Counts["A"], g.Counts["B"], g.Counts["C"], g.Counts["D"], g.Counts["T"],
			g.Shares["A"], g.Shares["B"], g.Shares["C"], g.Shares["D"]})
	}
	return writeXLSX(t)
}

// ExportParks writes the park ranking as xlsx.
func (s *Service) ExportParks(ctx context.Context, year int, methodID string) ([]byte, error) {
	p, err := s.Parks(ctx, year, methodID)
	if err != nil {
		return nil, err
	}
	t := Table{Sheet: "园区亩均排名", Title: fmt.Sprintf("%d年度 园区亩均效益排名（%s 第%d版）；单位：%s", year, methodID, p.Run.Version, p.Unit),
		Header: []string{"排名", "园区代码", "园区", "县区", "参评企业数", "用地（亩）", "亩均营业收入", "亩均税收", "平均总分", "A类占比"}}
	for _, r := range p.Items {
		t.Rows = append(t.Rows, []any{r.Rank, r.Park, r.Name, r.County, r.Firms, r.Land, r.RevenuePerMu, r.TaxPerMu, r.AverageTotal, r.ShareA})
	}
	return writeXLSX(t)
}

// PricingFile is one utility's list as an xlsx file.
type PricingFile struct {
	Resource string
	Name     string // file name
	Data     []byte
}

// ExportPricing writes one xlsx per resource: the file a utility loads.
func (s *Service) ExportPricing(ctx context.Context, year int, methodID, jurisdiction string) ([]PricingFile, error) {
	pl, err := s.Pricing(ctx, year, methodID, jurisdiction)
	if err != nil {
		return nil, err
	}
	var out []PricingFile
	for _, l := range pl.Lists {
		t := Table{Sheet: "差别化" + l.Name + "价",
			Title:  fmt.Sprintf("%s %d年度亩均评价结果 差别化%s价名单（依据 %s 第%d版评价结果，适用 %s 前生效的加价规则）；单位：%s", pl.JurisdictionName, year, l.Name, methodID, pl.Run.Version, pl.AsOf, l.Unit),
			Header: []string{"企业名称", "统一社会信用代码", "县区", "类别", "连续处于该类年数", "加价金额", "单位", "说明", "依据"}}
		for _, r := range l.Rows {
			t.Rows = append(t.Rows, []any{r.Name, r.USCC, r.County, r.Class, r.ConsecutiveYears, amountCell(r.Amount), r.Unit, r.Note, r.Source})
		}
		data, err := writeXLSX(t)
		if err != nil {
			return nil, err
		}
		out = append(out, PricingFile{Resource: l.Resource, Name: fmt.Sprintf("差别化%s价_%s_%d.xlsx", l.Name, jurisdiction, year), Data: data})
	}
	return out, nil
}
