package collect

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// ValueInput is one item of a bulk write (like DHIS2's dataValueSets): the
// enterprise by USCC or id, the element code, the period and the value — a
// number, or for yes/no elements true/false or "是"/"否".
type ValueInput struct {
	USCC         string          `json:"uscc,omitempty"`
	EnterpriseID int64           `json:"enterprise_id,omitempty"`
	Element      string          `json:"element"`
	Period       string          `json:"period"`
	Value        json.RawMessage `json:"value"`
}

// SaveJSON checks a batch of values like a file import — every item, then
// the validation rules per enterprise and period — and writes it whole or
// not at all. Problems name the array index and field. The batch is kept in
// the import history (format json).
func (s *Service) SaveJSON(ctx context.Context, items []ValueInput, dryRun bool) (*ImportResult, error) {
	raw, err := json.Marshal(items)
	if err != nil {
		return nil, must(err, "encoding the batch")
	}
	sum := sha256.Sum256(raw)
	res := &ImportResult{FileName: "data-values.json", Format: "json", SHA256: hex.EncodeToString(sum[:]), DryRun: dryRun}
	begin(ctx, res)
	ps := newProblems()
	if len(items) == 0 {
		ps.add(Problem{Severity: stats.SeverityError, Message: "没有数据：请求体应为非空数组"})
	}
	if err := s.runJSON(ctx, items, raw, res, ps); err != nil {
		return nil, s.abandon(ctx, res, raw, err)
	}
	if res.Status == StatusCommitted {
		return res, nil
	}
	return s.unstored(ctx, res, ps, raw, nil)
}

// runJSON checks and, unless something blocks or it is a dry run, stores
// the batch with its history record and audit entry in one transaction.
func (s *Service) runJSON(ctx context.Context, items []ValueInput, raw []byte, res *ImportResult, ps *problems) error {
	dir, err := loadDirectory(ctx, s.db)
	if err != nil {
		return err
	}
	recs := s.jsonRecords(items, dir, ps)
	res.touched = touchedBy(recs)
	codes := make([]string, len(s.cat.Elements))
	for i, el := range s.cat.Elements {
		codes[i] = el.Code
	}
	res.RowsRead = len(items)
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		periods := make([]stats.Period, len(recs))
		for i, r := range recs {
			periods[i] = r.period
		}
		if err := lockPeriods(ctx, tx, periods); err != nil {
			return err
		}
		if err := insertRecord(ctx, tx, res, nil, nil); err != nil {
			return err
		}
		if err := s.checkRecords(ctx, tx, recs, codes, ps); err != nil {
			return err
		}
		if ps.blocking() {
			return errRollback
		}
		saved, err := saveRecords(ctx, tx, s.cat, recs, codes, "import:"+itoa64(res.ID))
		res.SaveResult = saved
		if err != nil {
			return err
		}
		if res.DryRun {
			return errRollback
		}
		s.conclude(res, ps)
		return completeRecord(ctx, tx, res, raw)
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

// touchedBy lists the distinct enterprises of recs in their order.
func touchedBy(recs []record) []int64 {
	seen := map[int64]bool{}
	var ids []int64
	for _, r := range recs {
		if !seen[r.ent.id] {
			seen[r.ent.id] = true
			ids = append(ids, r.ent.id)
		}
	}
	return ids
}

// jsonRecords checks each item and groups the good ones into records per
// enterprise and period.
func (s *Service) jsonRecords(items []ValueInput, dir *directory, ps *problems) []record {
	type key struct {
		ent    int64
		period string
	}
	byKey := map[key]*record{}
	var order []key
	where := map[key]map[string]int{} // element → item index, for locating findings
	for i, it := range items {
		bad := func(field, msg string) {
			idx := i
			ps.add(Problem{Severity: stats.SeverityError, Index: &idx, Field: field, USCC: it.USCC, Message: msg})
		}
		ent, el, p, v, ok := s.checkItem(it, dir, bad)
		if !ok {
			continue
		}
		k := key{ent.id, p.ID()}
		if byKey[k] == nil {
			byKey[k] = &record{ent: ent, period: p, values: map[string]float64{}}
			where[k] = map[string]int{}
			order = append(order, k)
		}
		if first, dup := where[k][el.Code]; dup {
			bad("element", "与第 "+strconv.Itoa(first)+" 项重复：同一企业、指标和报告期只能出现一次")
			continue
		}
		byKey[k].values[el.Code] = v
		where[k][el.Code] = i
	}
	recs := make([]record, 0, len(order))
	for _, k := range order {
		r := byKey[k]
		idx := where[k]
		r.locate = func(code string) Problem {
			i := idx[code]
			return Problem{Index: &i, Field: "value", USCC: r.ent.uscc}
		}
		recs = append(recs, *r)
	}
	return recs
}

// checkItem checks one item's enterprise, element, period and value.
func (s *Service) checkItem(it ValueInput, dir *directory, bad func(field, msg string)) (*enterprise, *stats.Element, stats.Period, float64, bool) {
	var ent *enterprise
	var why string
	switch {
	case it.USCC != "":
		uscc := normUSCC(it.USCC)
		if err := registry.CheckUSCC(uscc); err != nil {
			bad("uscc", err.Error())
			return nil, nil, stats.Period{}, 0, false
		}
		ent, why = dir.lookup(dir.byUSCC[uscc], "统一社会信用代码 "+uscc)
	case it.EnterpriseID != 0:
		ent, why = dir.lookup(dir.byID[it.EnterpriseID], "企业 ID "+itoa64(it.EnterpriseID))
	default:
		why = "缺少 uscc 或 enterprise_id"
	}
	field := "uscc"
	if it.USCC == "" {
		field = "enterprise_id"
	}
	if ent == nil {
		bad(field, why)
		return nil, nil, stats.Period{}, 0, false
	}
	el := s.cat.Element(it.Element)
	if el == nil {
		bad("element", "指标代码「"+clip(it.Element)+"」不在指标目录中")
		return nil, nil, stats.Period{}, 0, false
	}
	p, err := s.periodOf(el.PeriodType, "指标「"+el.Name+"」", it.Period)
	if err != nil {
		bad("period", apperrMessage(err))
		return nil, nil, stats.Period{}, 0, false
	}
	v, ok, msg := parseValue(el, jsonText(it.Value))
	if !ok && msg == "" {
		msg = "缺少数值"
	}
	if msg != "" {
		bad("value", msg)
		return nil, nil, stats.Period{}, 0, false
	}
	return ent, el, p, v, true
}

// jsonText renders a JSON scalar as the text a cell would hold.
func jsonText(raw json.RawMessage) string {
	t := strings.TrimSpace(string(raw))
	if t == "null" {
		return ""
	}
	var s string
	if strings.HasPrefix(t, `"`) && json.Unmarshal(raw, &s) == nil {
		if s == "" {
			return " " // an empty string is a wrong value, not a missing one
		}
		return s
	}
	return t
}

func apperrMessage(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	return err.Error()
}

// ValueQuery selects stored values; empty fields do not filter. Enterprise
// is a USCC or an id.
type ValueQuery struct {
	Dataset, Period, Enterprise, Element string
	Limit, Offset                        int
}

// ValueItem is a stored value with its unit and period, as the API returns it.
type ValueItem struct {
	EnterpriseID   int64   `json:"enterprise_id"`
	USCC           string  `json:"uscc"`
	EnterpriseName string  `json:"enterprise_name"`
	Element        string  `json:"element"`
	ElementName    string  `json:"element_name"`
	Unit           string  `json:"unit"`
	Period         string  `json:"period"`
	Value          float64 `json:"value"`
	Source         string  `json:"source"`
	UpdatedAt      string  `json:"updated_at"`
}

// Values lists stored values the caller may view, with the total for paging.
func (s *Service) Values(ctx context.Context, q ValueQuery) ([]ValueItem, int, error) {
	filter, args := access.From(ctx).View.EnterpriseFilter("e")
	where := []string{filter}
	if q.Period != "" {
		where, args = append(where, "v.period = ?"), append(args, q.Period)
	}
	if q.Element != "" {
		where, args = append(where, "v.element_code = ?"), append(args, q.Element)
	}
	if q.Dataset != "" {
		ds, err := s.dataset(q.Dataset)
		if err != nil {
			return nil, 0, err
		}
		where = append(where, "v.element_code IN ("+store.Placeholders(len(ds.Elements))+")")
		for _, e := range ds.Elements {
			args = append(args, e)
		}
	}
	if q.Enterprise != "" {
		id, _ := strconv.ParseInt(q.Enterprise, 10, 64)
		where, args = append(where, "(e.uscc = ? OR e.id = ?)"), append(args, normUSCC(q.Enterprise), id)
	}
	from := ` FROM data_values v JOIN enterprises e ON e.id = v.enterprise_id WHERE ` + strings.Join(where, " AND ")
	var total int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, must(err, "counting values")
	}
	rows, err := s.db.Query(ctx, `SELECT e.id, e.uscc, e.name, v.element_code, v.period, v.value, v.source, v.updated_at`+from+
		` ORDER BY e.uscc, v.period, v.element_code LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, must(err, "listing values")
	}
	defer rows.Close()
	out := []ValueItem{}
	for rows.Next() {
		var it ValueItem
		if err := rows.Scan(&it.EnterpriseID, &it.USCC, &it.EnterpriseName, &it.Element, &it.Period, &it.Value, &it.Source, &it.UpdatedAt); err != nil {
			return nil, 0, must(err, "listing values")
		}
		if el := s.cat.Element(it.Element); el != nil {
			it.ElementName, it.Unit = el.Name, el.Unit
		}
		out = append(out, it)
	}
	return out, total, must(rows.Err(), "listing values")
}
