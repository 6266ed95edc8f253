package collect

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Import statuses.
const (
	StatusRunning   = "running"
	StatusCommitted = "committed" // the data landed
	StatusChecked   = "checked"   // dry run without errors: nothing written
	StatusRejected  = "rejected"  // blocking errors: nothing written
	// StatusInterrupted marks a record an earlier version left running when
	// its process ended mid-import (migration 0016): nothing was written.
	StatusInterrupted = "interrupted"
)

// ImportResult is what an import did, as stored in the history and returned.
type ImportResult struct {
	ID        int64  `json:"id"`
	Actor     string `json:"actor"`
	CreatedAt string `json:"created_at"`
	FileName  string `json:"file_name"`
	Format    string `json:"format"`
	SHA256    string `json:"sha256"`
	Dataset   string `json:"dataset"`
	Period    string `json:"period"`
	DryRun    bool   `json:"dry_run"`
	Status    string `json:"status"`
	RowsRead  int    `json:"rows_read"`
	stats.SaveResult
	Errors    int       `json:"error_count"`
	Warnings  int       `json:"warning_count"`
	Message   string    `json:"message"`
	Problems  []Problem `json:"problems"`
	Annotated bool      `json:"annotated_available"`
	// touched are the registered enterprises the import named, recorded in
	// import_enterprises so that their reviewers see the import.
	touched []int64
}

// begin stamps who imports and when.
func begin(ctx context.Context, r *ImportResult) {
	r.Actor = access.From(ctx).User
	r.CreatedAt = time.Now().UTC().Format(time.RFC3339)
	r.Status = StatusRunning
}

// insertRecord adds r to the history and sets its id. Inside an import's
// data transaction the row is still running and invisible to others; it
// becomes visible only with its outcome (completeRecord), so a crash before
// the commit leaves neither data nor a record behind.
func insertRecord(ctx context.Context, q store.Querier, r *ImportResult, original, annotated []byte) error {
	probs, err := json.Marshal(r.Problems)
	if err != nil {
		return must(err, "encoding import problems")
	}
	r.Annotated = annotated != nil
	err = q.QueryRow(ctx, `INSERT INTO imports (actor, created_at, file_name, format, sha256, dataset, period, dry_run, status,
		rows_read, inserted, updated, unchanged, error_count, warning_count, message, problems, file_bytes, annotated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.Actor, r.CreatedAt, r.FileName, r.Format, r.SHA256, r.Dataset, r.Period, r.DryRun, r.Status,
		r.RowsRead, r.Inserted, r.Updated, r.Unchanged, r.Errors, r.Warnings, r.Message, string(probs), original, annotated).Scan(&r.ID)
	return must(err, "recording the import")
}

// completeRecord stores the outcome of a committing import in its data's
// transaction, with the original file and the audit entry: the three land
// together or not at all.
func completeRecord(ctx context.Context, tx *store.Tx, r *ImportResult, original []byte) error {
	probs, err := json.Marshal(r.Problems)
	if err != nil {
		return must(err, "encoding import problems")
	}
	_, err = tx.Exec(ctx, `UPDATE imports SET dataset = ?, period = ?, status = ?, rows_read = ?, inserted = ?, updated = ?, unchanged = ?,
		error_count = ?, warning_count = ?, message = ?, problems = ?, file_bytes = ? WHERE id = ?`,
		r.Dataset, r.Period, r.Status, r.RowsRead, r.Inserted, r.Updated, r.Unchanged,
		r.Errors, r.Warnings, r.Message, string(probs), original, r.ID)
	if err != nil {
		return must(err, "recording the import outcome")
	}
	if err := recordTouched(ctx, tx, r.ID, r.touched); err != nil {
		return err
	}
	return auditImport(ctx, tx, r)
}

// recordOutcome stores an import that wrote nothing (rejected, checked by
// a dry run, or ended by an error) with its audit entry, in a transaction
// of its own.
func (s *Service) recordOutcome(ctx context.Context, r *ImportResult, original, annotated []byte) error {
	r.ID = 0 // an id taken inside a rolled-back transaction was never stored
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := insertRecord(ctx, tx, r, original, annotated); err != nil {
			return err
		}
		if err := recordTouched(ctx, tx, r.ID, r.touched); err != nil {
			return err
		}
		return auditImport(ctx, tx, r)
	})
}

// auditImport records an import's outcome in the audit log (CLI and API
// alike): the file, what it was for, and what it changed.
func auditImport(ctx context.Context, q store.Querier, r *ImportResult) error {
	outcome := "ok"
	if r.Status != StatusCommitted {
		outcome = r.Status
	}
	return audit.Record(ctx, q, audit.Event{Action: audit.ActionImport, Object: "import:" + itoa64(r.ID), Outcome: outcome,
		Detail: map[string]any{"file_name": r.FileName, "format": r.Format, "sha256": r.SHA256, "dataset": r.Dataset, "period": r.Period,
			"dry_run": r.DryRun, "inserted": r.Inserted, "updated": r.Updated, "errors": r.Errors}})
}

// recordTouched stores which enterprises an import named, in chunks that
// stay below every driver's parameter limit.
func recordTouched(ctx context.Context, tx *store.Tx, id int64, ids []int64) error {
	for chunk := range slices.Chunk(ids, 400) {
		args := make([]any, 0, 2*len(chunk))
		for _, e := range chunk {
			args = append(args, id, e)
		}
		_, err := tx.Exec(ctx, `INSERT INTO import_enterprises (import_id, enterprise_id) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?),", len(chunk)), ","), args...)
		if err != nil {
			return must(err, "recording the enterprises of import "+itoa64(id))
		}
	}
	return nil
}

const importColumns = `id, actor, created_at, file_name, format, sha256, dataset, period, dry_run, status, rows_read,
	inserted, updated, unchanged, error_count, warning_count, message, annotated IS NOT NULL`

// ownFilter limits the history to what the caller may see: everything for
// a city-wide view; otherwise the caller's own imports and those naming
// only enterprises in the caller's view scope (a county reviewer sees what
// its firms filed, a filer what was filed for its firms) — never an import
// that also names a firm outside it, whose problems and file would show it.
func ownFilter(ctx context.Context) (string, []any) {
	p := access.From(ctx)
	if p.View.All {
		return "1=1", nil
	}
	in, args := p.View.EnterpriseFilter("e")
	return `(actor = ? OR (EXISTS (SELECT 1 FROM import_enterprises ie WHERE ie.import_id = imports.id)
		AND NOT EXISTS (SELECT 1 FROM import_enterprises ie JOIN enterprises e ON e.id = ie.enterprise_id
			WHERE ie.import_id = imports.id AND NOT ` + in + `)))`, append([]any{p.User}, args...)
}

// ListImports lists imports newest first, with the total for paging.
func (s *Service) ListImports(ctx context.Context, limit, offset int) ([]ImportResult, int, error) {
	where, args := ownFilter(ctx)
	var total int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM imports WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, must(err, "counting imports")
	}
	rows, err := s.db.Query(ctx, `SELECT `+importColumns+` FROM imports WHERE `+where+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, must(err, "listing imports")
	}
	defer rows.Close()
	out := []ImportResult{}
	for rows.Next() {
		var r ImportResult
		if err := rows.Scan(&r.ID, &r.Actor, &r.CreatedAt, &r.FileName, &r.Format, &r.SHA256, &r.Dataset, &r.Period, &r.DryRun, &r.Status,
			&r.RowsRead, &r.Inserted, &r.Updated, &r.Unchanged, &r.Errors, &r.Warnings, &r.Message, &r.Annotated); err != nil {
			return nil, 0, must(err, "listing imports")
		}
		out = append(out, r)
	}
	return out, total, must(rows.Err(), "listing imports")
}

// GetImport returns one import with its problems.
func (s *Service) GetImport(ctx context.Context, id int64) (*ImportResult, error) {
	where, args := ownFilter(ctx)
	var r ImportResult
	var probs string
	err := s.db.QueryRow(ctx, `SELECT `+importColumns+`, problems FROM imports WHERE id = ? AND `+where, append([]any{id}, args...)...).Scan(
		&r.ID, &r.Actor, &r.CreatedAt, &r.FileName, &r.Format, &r.SHA256, &r.Dataset, &r.Period, &r.DryRun, &r.Status,
		&r.RowsRead, &r.Inserted, &r.Updated, &r.Unchanged, &r.Errors, &r.Warnings, &r.Message, &r.Annotated, &probs)
	if isNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "导入记录 %d 不存在", id)
	}
	if err != nil {
		return nil, must(err, "reading import")
	}
	if err := json.Unmarshal([]byte(probs), &r.Problems); err != nil {
		return nil, must(err, "decoding import problems")
	}
	return &r, nil
}

// ImportFile returns the stored original file (annotated false) or the
// annotated workbook (true) with a file name for download.
func (s *Service) ImportFile(ctx context.Context, id int64, annotated bool) (string, []byte, error) {
	r, err := s.GetImport(ctx, id)
	if err != nil {
		return "", nil, err
	}
	col, name := "file_bytes", r.FileName
	if annotated {
		col, name = "annotated", "错误标注-"+annotatedName(r.FileName)
	}
	var data []byte
	if err := s.db.QueryRow(ctx, `SELECT `+col+` FROM imports WHERE id = ?`, id).Scan(&data); err != nil {
		return "", nil, must(err, "reading import file")
	}
	if data == nil {
		return "", nil, apperr.New(apperr.NotFound, "导入记录 %d 没有可下载的%s", id, map[bool]string{true: "错误标注工作簿（该次导入没有单元格错误）", false: "原始文件"}[annotated])
	}
	return name, data, nil
}
