package collect

import (
	"context"
	"encoding/json"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
)

// Findings are the rule warnings a reviewer reads with a submission: the
// problems of the latest import that stored the firm's figures for the
// dataset and period, only those about that firm.
type Findings struct {
	ImportID  int64     `json:"import_id,omitempty"`
	FileName  string    `json:"file_name,omitempty"`
	Actor     string    `json:"actor,omitempty"`
	CreatedAt string    `json:"created_at,omitempty"`
	Problems  []Problem `json:"problems"`
}

// FirmFindings returns the findings of enterprise id's latest committed
// import for dataset and period (none: no import stored them, e.g. demo or
// CLI data). The firm must be in the caller's view; the import need not be
// (a city-wide file is not shown to a county, its firm's lines are).
func (s *Service) FirmFindings(ctx context.Context, id int64, dataset, period string) (Findings, error) {
	out := Findings{Problems: []Problem{}}
	view, args := access.From(ctx).View.EnterpriseFilter("e")
	var uscc string
	err := s.db.QueryRow(ctx, `SELECT e.uscc FROM enterprises e WHERE e.id = ? AND `+view, append([]any{id}, args...)...).Scan(&uscc)
	if isNoRows(err) {
		return out, apperr.New(apperr.NotFound, "企业不存在或无权查看")
	}
	if err != nil {
		return out, must(err, "reading the enterprise of the findings")
	}
	var probs string
	err = s.db.QueryRow(ctx, `SELECT i.id, i.file_name, i.actor, i.created_at, i.problems FROM imports i
		JOIN import_enterprises ie ON ie.import_id = i.id
		WHERE ie.enterprise_id = ? AND i.dataset = ? AND i.period = ? AND i.status = ? ORDER BY i.id DESC LIMIT 1`,
		id, dataset, period, StatusCommitted).Scan(&out.ImportID, &out.FileName, &out.Actor, &out.CreatedAt, &probs)
	if isNoRows(err) {
		return out, nil
	}
	if err != nil {
		return out, must(err, "reading the firm's latest import")
	}
	var all []Problem
	if err := json.Unmarshal([]byte(probs), &all); err != nil {
		return out, must(err, "decoding import problems")
	}
	for _, p := range all {
		if p.USCC == uscc {
			out.Problems = append(out.Problems, p)
		}
	}
	return out, nil
}
