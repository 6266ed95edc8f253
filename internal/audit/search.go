package audit

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
)

// Filter selects audit entries. Empty fields match everything; From and To
// are RFC3339 times or YYYY-MM-DD dates (To inclusive of that day).
type Filter struct {
	Actor        string `json:"actor,omitempty"`
	Action       string `json:"action,omitempty"` // exact, or a prefix ending in "." (e.g. "approval.")
	EnterpriseID int64  `json:"enterprise_id,omitempty"`
	From         string `json:"from,omitempty"`
	To           string `json:"to,omitempty"`
	Limit        int    `json:"limit,omitempty"`
	Offset       int    `json:"offset,omitempty"`
}

// MaxPage bounds one page of search results.
const MaxPage = 500

// Page is one page of entries and the number matching the filter.
type Page struct {
	Items []Entry `json:"items"`
	Total int     `json:"total"`
}

// CanRead allows only the 系统管理员: the audit log records what every
// user did, so it is not scoped data but a separate duty (三员分立).
func CanRead(ctx context.Context) error {
	if access.From(ctx).Role != access.RoleAdmin {
		return apperr.New(apperr.Forbidden, "只有系统管理员可以查看审计日志")
	}
	return nil
}

// Search returns the newest entries matching f first.
func Search(ctx context.Context, q store.Querier, f Filter) (Page, error) {
	var page Page
	if err := CanRead(ctx); err != nil {
		return page, err
	}
	where, args := f.where()
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE `+where, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("counting audit entries: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	rows, err := q.Query(ctx, `SELECT `+entryColumns+` FROM audit_log WHERE `+where+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("searching the audit log: %w", err)
	}
	defer rows.Close()
	page.Items = []Entry{}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return page, err
		}
		page.Items = append(page.Items, e)
	}
	return page, rows.Err()
}

func (f Filter) where() (string, []any) {
	conds := []string{"1=1"}
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if f.Actor != "" {
		add("actor = ?", f.Actor)
	}
	switch {
	case strings.HasSuffix(f.Action, "."):
		add("action LIKE ?", f.Action+"%")
	case f.Action != "":
		add("action = ?", f.Action)
	}
	if f.EnterpriseID != 0 {
		add("enterprise_id = ?", f.EnterpriseID)
	}
	if f.From != "" {
		add("at >= ?", f.From)
	}
	if f.To != "" {
		to := f.To
		if len(to) == len("2006-01-02") {
			to += "T23:59:59.999999999Z"
		}
		add("at <= ?", to)
	}
	return strings.Join(conds, " AND "), args
}

// Export writes every entry matching f (ignoring paging) as CSV with a
// UTF-8 byte-order mark so that Excel shows the Chinese text, and records
// the export itself.
func Export(ctx context.Context, db *store.DB, f Filter, w io.Writer) (int, error) {
	if err := CanRead(ctx); err != nil {
		return 0, err
	}
	where, args := f.where()
	rows, err := db.Query(ctx, `SELECT `+entryColumns+` FROM audit_log WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return 0, fmt.Errorf("exporting the audit log: %w", err)
	}
	defer rows.Close()
	io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	cw.Write([]string{"序号", "时间", "用户", "角色", "来源IP", "操作", "对象", "企业ID", "结果", "详情", "前一哈希", "哈希"})
	n := 0
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return n, err
		}
		ent := ""
		if e.EnterpriseID != nil {
			ent = strconv.FormatInt(*e.EnterpriseID, 10)
		}
		row := []string{strconv.FormatInt(e.ID, 10), e.At, e.Actor, e.Role, e.IP, e.Action, e.Object, ent, e.Outcome, e.Detail, e.PrevHash, e.Hash}
		for i := range row {
			row[i] = xlsx.SafeText(row[i])
		}
		cw.Write(row)
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("exporting the audit log: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("writing the audit export: %w", err)
	}
	return n, Record(ctx, db, Event{Action: ActionAuditExport, Detail: map[string]any{"filter": f, "rows": n}})
}
