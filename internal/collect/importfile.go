package collect

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"

	"mfgplan/internal/apperr"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
)

// ImportRequest is a file submitted for import. Dataset and Period may be
// empty for a workbook made from a template (its 填报说明 sheet names both);
// given, they must agree with the file.
type ImportRequest struct {
	FileName string
	Data     []byte
	Dataset  string
	Period   string
	DryRun   bool
}

// errRollback ends the import transaction without writing: blocking errors
// or a dry run.
var errRollback = errors.New("import rolled back")

// Import checks a file and, when nothing blocks and it is not a dry run,
// writes it in one transaction together with its history record and audit
// entry: when Import returns a committed result, all three are stored, and
// when it returns an error, none of the data is. A rejected file returns the
// result and an Invalid error whose details are the result, so callers can
// show every problem.
func (s *Service) Import(ctx context.Context, req ImportRequest) (*ImportResult, error) {
	return s.importFile(ctx, req, datasetImport{s: s, req: req})
}

// fileImporter is what differs between kinds of file import: running the
// opened file's rows (through importTx) and the 填报说明 rows of the
// annotated copy.
type fileImporter interface {
	run(ctx context.Context, run *fileRun, res *ImportResult, ps *problems) error
	guide(res *ImportResult) [][]string
}

// importFile is the machinery every file import shares: format detection
// and limits, the run, the annotated workbook of a rejected file and the
// outcome in the history.
func (s *Service) importFile(ctx context.Context, req ImportRequest, imp fileImporter) (*ImportResult, error) {
	sum := sha256.Sum256(req.Data)
	res := &ImportResult{FileName: filepath.Base(req.FileName), SHA256: hex.EncodeToString(sum[:]), DryRun: req.DryRun, Dataset: req.Dataset, Period: req.Period}
	format, ferr := xlsx.Detect(req.FileName, req.Data)
	res.Format = string(format)
	if res.Format == "" {
		res.Format = "unknown"
	}
	begin(ctx, res)
	ps := newProblems()
	var run *fileRun
	err := ferr
	if err == nil {
		run, err = s.open(req.Data, format)
	}
	if err == nil {
		err = imp.run(ctx, run, res, ps)
		run.close()
	}
	if err == nil && res.Status == StatusCommitted {
		return res, nil
	}
	if err != nil && !fileProblem(err, ps) {
		return nil, s.abandon(ctx, res, req.Data, err)
	}
	var annotated []byte
	if ps.blocking() && run != nil && len(ps.byRow) > 0 && !ps.fatal {
		if annotated, err = s.annotate(req.Data, format, run.headerRow, imp.guide(res), ps); err != nil {
			s.log.Warn("writing annotated workbook", "file", res.FileName, "err", err)
		}
	}
	return s.unstored(ctx, res, ps, req.Data, annotated)
}

// importTx runs an import's checks and writes in one transaction: first
// (locks, lookups), the running history record, then body. It rolls back
// when something blocks or on a dry run; otherwise the outcome, the
// original file and the audit entry commit with the data.
func (s *Service) importTx(ctx context.Context, req ImportRequest, res *ImportResult, ps *problems, first, body func(tx *store.Tx) error) error {
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := first(tx); err != nil {
			return err
		}
		if err := insertRecord(ctx, tx, res, nil, nil); err != nil {
			return err
		}
		if err := body(tx); err != nil {
			return err
		}
		if ps.blocking() || req.DryRun {
			return errRollback
		}
		s.conclude(res, ps)
		return completeRecord(ctx, tx, res, req.Data)
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

// unstored concludes an import that wrote nothing (rejected or a dry run)
// and records it.
func (s *Service) unstored(ctx context.Context, res *ImportResult, ps *problems, original, annotated []byte) (*ImportResult, error) {
	s.conclude(res, ps)
	if err := s.recordOutcome(ctx, res, original, annotated); err != nil {
		return nil, err
	}
	if res.Status == StatusRejected {
		return res, apperr.New(apperr.Invalid, "%s", res.Message).WithDetails(res)
	}
	return res, nil
}

// abandon records an import that err ended before its checks concluded and
// returns err: a conflict (another import writing the same period, a
// submission locked by the approval workflow) is told as such, anything
// else as an internal error. Nothing of the import's data was stored.
func (s *Service) abandon(ctx context.Context, res *ImportResult, original []byte, err error) error {
	err = conflictOf(err)
	res.Status, res.Message = StatusRejected, "内部错误，导入未完成，未写入任何数据"
	res.Inserted, res.Updated, res.Unchanged = 0, 0, 0
	if e, ok := apperr.As(err); ok && e.Code == apperr.Conflict {
		res.Message = e.Message
	}
	return errors.Join(err, s.recordOutcome(ctx, res, original, nil))
}

// fileProblem turns a problem with the whole file (unreadable, too big,
// wrong dataset or period) into a blocking problem; it reports false for
// internal errors.
func fileProblem(err error, ps *problems) bool {
	var fe *xlsx.FileError
	if errors.As(err, &fe) {
		ps.add(Problem{Severity: stats.SeverityError, Sheet: fe.Sheet, Row: fe.Row, Message: fe.Message})
		ps.fatal = true
		return true
	}
	if e, ok := apperr.As(err); ok && e.Code == apperr.Invalid {
		ps.add(Problem{Severity: stats.SeverityError, Message: e.Message})
		return true
	}
	return false
}

// conclude sets the status, counts and summary message.
func (s *Service) conclude(res *ImportResult, ps *problems) {
	res.Errors, res.Warnings, res.Problems = ps.errors, ps.warnings, ps.list
	switch {
	case ps.blocking():
		res.Status = StatusRejected
		res.Inserted, res.Updated, res.Unchanged = 0, 0, 0
		res.Message = "导入被拒绝：发现 " + itoa(ps.errors) + " 个错误，未写入任何数据；请按错误清单或错误标注工作簿修改后重新导入"
	case res.DryRun:
		res.Status = StatusChecked
		res.Message = "检查通过（试导入，未写入）：将新增 " + itoa(res.Inserted) + " 个、更新 " + itoa(res.Updated) + " 个、不变 " + itoa(res.Unchanged) + " 个数据值"
	default:
		res.Status = StatusCommitted
		res.Message = "导入成功：新增 " + itoa(res.Inserted) + " 个、更新 " + itoa(res.Updated) + " 个、不变 " + itoa(res.Unchanged) + " 个数据值"
	}
	if ps.warnings > 0 && !ps.blocking() {
		res.Message += "；" + itoa(ps.warnings) + " 条警告请核实"
	}
}

// fileRun is an open data sheet with what is known about it.
type fileRun struct {
	rows   xlsx.RowReader
	sheet  string
	merged func(row int) []string
	close  func() error
	meta   map[string]string
	// headerRow is the header's row number once found (0: no header).
	headerRow int
}

// open opens the data sheet of a workbook (the sheet named 数据, else the
// first sheet that is not an auxiliary one) or a CSV file.
func (s *Service) open(data []byte, format xlsx.Format) (*fileRun, error) {
	if format == xlsx.CSV {
		rows, err := xlsx.OpenCSV(bytes.NewReader(data), s.lim)
		if err != nil {
			return nil, err
		}
		return &fileRun{rows: rows, sheet: xlsx.CSVSheet, merged: func(int) []string { return nil }, close: rows.Close, meta: map[string]string{}}, nil
	}
	wb, err := xlsx.OpenWorkbook(data, s.lim)
	if err != nil {
		return nil, err
	}
	meta, err := readGuide(wb)
	if err != nil {
		wb.Close()
		return nil, err
	}
	sheet := dataSheet(wb.Sheets())
	sr, err := wb.ReadSheet(sheet)
	if err != nil {
		wb.Close()
		return nil, err
	}
	rows := xlsx.Prefetch(sr)
	return &fileRun{rows: rows, sheet: sheet, merged: sr.MergedInRow, meta: meta, close: func() error { return errors.Join(rows.Close(), wb.Close()) }}, nil
}

func dataSheet(sheets []string) string {
	for _, name := range sheets {
		if name == sheetData {
			return name
		}
	}
	for _, name := range sheets {
		if !auxiliarySheets[name] {
			return name
		}
	}
	return sheets[0]
}

// readGuide reads the label/value pairs of the 填报说明 sheet, where the
// template writes the dataset code and the period.
func readGuide(wb *xlsx.Workbook) (map[string]string, error) {
	meta := map[string]string{}
	for _, name := range wb.Sheets() {
		if name != sheetGuide {
			continue
		}
		rows, err := wb.ReadSheet(name)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			if c := rows.Row().Cells; len(c) >= 2 && (c[0] == labelDS || c[0] == labelPeriod) {
				meta[c[0]] = strings.TrimSpace(c[1])
			}
		}
		return meta, rows.Err()
	}
	return meta, nil
}

// datasetImport is the import of a dataset's enterprise figures.
type datasetImport struct {
	s   *Service
	req ImportRequest
}

// guide is the dataset's 填报说明, when the dataset and period are known.
func (d datasetImport) guide(res *ImportResult) [][]string {
	ds, p, err := d.s.resolve(res.Dataset, res.Period, "", "")
	if err != nil {
		return nil
	}
	return d.s.guideRows(d.s.layout(ds), p, 0)
}

// run settles dataset and period and runs the rows through the checks
// inside one transaction.
func (d datasetImport) run(ctx context.Context, run *fileRun, res *ImportResult, ps *problems) error {
	s, req := d.s, d.req
	ds, period, err := s.resolve(req.Dataset, req.Period, run.meta[labelDS], run.meta[labelPeriod])
	if err != nil {
		return err
	}
	res.Dataset, res.Period = ds.Code, period.ID()
	dir, err := loadDirectory(ctx, s.db)
	if err != nil {
		return err
	}
	fi := &fileImport{s: s, run: run, lay: s.layout(ds), period: period, ps: ps, dir: dir, seen: map[string]int{}}
	lock := func(tx *store.Tx) error { return lockPeriods(ctx, tx, []stats.Period{period}) }
	err = s.importTx(ctx, req, res, ps, lock, func(tx *store.Tx) error {
		fi.source = "import:" + itoa64(res.ID)
		err := fi.readAll(ctx, tx)
		res.RowsRead, res.SaveResult, res.touched = fi.rowsRead, fi.saved, fi.touched()
		return err
	})
	res.RowsRead, res.SaveResult, res.touched = fi.rowsRead, fi.saved, fi.touched()
	return err
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
