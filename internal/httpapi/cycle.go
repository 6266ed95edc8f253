package httpapi

import (
	"bytes"
	"net/http"
	"strings"

	"mfgplan/internal/apperr"
	"mfgplan/internal/cycle"
)

// cycleRoutes serve the monthly loop: the filing calendar, 报送进度 with the
// firms still to file, 催报 and the review of one submission.
func (s *Server) cycleRoutes() {
	const tag = "cycle"
	dsPeriod := []Param{{"dataset", "monthly or yearly"}, {"period", "2025-11 or 2025"}}
	firms := append(dsPeriod, Param{"county", "county code"}, Param{"park", "park code"},
		Param{"state", "comma-separated: pending (not yet submitted), unfiled, imported, submitted, returned, approved, accepted, unlocked"})
	s.handle(Route{Method: "GET", Path: "/api/v1/filing/calendar", Summary: "Recent periods of a dataset with due dates and the caller's firms' states; the period to open on", Tag: tag,
		Query: []Param{{"dataset", "monthly or yearly"}}}, s.filingCalendar)
	s.handle(Route{Method: "GET", Path: "/api/v1/settings/filing-calendar", Summary: "When each dataset's reports are due", Tag: tag}, s.getFilingDue)
	s.handle(Route{Method: "PUT", Path: "/api/v1/settings/filing-calendar", Summary: "Set a dataset's due date: {dataset, months_after, day} (市级管理员)", Tag: tag}, s.setFilingDue)
	s.handle(Route{Method: "GET", Path: "/api/v1/progress", Summary: "报送进度 by county or park: 应报, 已报, 已上报, 已审核, 已确认", Tag: tag,
		Query: append(dsPeriod, Param{"by", "county (default) or park"})}, s.progress)
	s.handle(Route{Method: "GET", Path: "/api/v1/progress/firms", Summary: "The firms expected to file, with state, contact and reminders", Tag: tag,
		Query: append(firms, Param{"limit", "page size (≤ 500)"}, Param{"offset", "rows to skip"})}, s.progressFirms)
	s.handle(Route{Method: "GET", Path: "/api/v1/progress/firms.xlsx", Summary: "The same list as an xlsx workbook", Tag: tag, Query: firms}, s.progressFirmsXLSX)
	s.handle(Route{Method: "POST", Path: "/api/v1/reminders", Summary: "Record a 催报 to firms that have not submitted: {dataset, period, enterprise_ids, note}", Tag: tag}, s.remind)
	s.handle(Route{Method: "GET", Path: "/api/v1/reminders", Summary: "Reminders of a dataset and period, newest first", Tag: tag, Query: dsPeriod}, s.listReminders)
	s.handle(Route{Method: "GET", Path: "/api/v1/reminders/{batch}/notice.docx", Summary: "The printable 催报单 of one batch (docx)", Tag: tag}, s.reminderNotice)
	s.handle(Route{Method: "GET", Path: "/api/v1/approvals/{enterprise}/{dataset}/{period}/review", Summary: "One submission against last period and last year, with its import's rule warnings", Tag: "approval"}, s.reviewSubmission)
}

func (s *Server) filingCalendar(w http.ResponseWriter, r *http.Request) error {
	cal, err := s.Cycle.FilingCalendar(r.Context(), r.URL.Query().Get("dataset"))
	if err != nil {
		return err
	}
	return writeJSON(w, cal)
}

func (s *Server) getFilingDue(w http.ResponseWriter, r *http.Request) error {
	items, err := s.Cycle.Calendar(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items})
}

func (s *Server) setFilingDue(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Dataset     string `json:"dataset"`
		MonthsAfter int    `json:"months_after"`
		Day         int    `json:"day"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	d, err := s.Cycle.SetDue(r.Context(), in.Dataset, in.MonthsAfter, in.Day)
	if err != nil {
		return err
	}
	return writeJSON(w, d)
}

func (s *Server) progress(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	pr, err := s.Cycle.Progress(r.Context(), q.Get("dataset"), q.Get("period"), q.Get("by"))
	if err != nil {
		return err
	}
	return writeJSON(w, pr)
}

func firmFilter(r *http.Request) cycle.FirmFilter {
	q := r.URL.Query()
	f := cycle.FirmFilter{Dataset: q.Get("dataset"), Period: q.Get("period"), County: q.Get("county"), Park: q.Get("park")}
	for _, st := range strings.Split(q.Get("state"), ",") {
		if st = strings.TrimSpace(st); st != "" {
			f.States = append(f.States, st)
		}
	}
	return f
}

func (s *Server) progressFirms(w http.ResponseWriter, r *http.Request) error {
	f := firmFilter(r)
	var err error
	if f.Limit, f.Offset, err = pageParams(r); err != nil {
		return err
	}
	page, err := s.Cycle.Firms(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, page)
}

func (s *Server) progressFirmsXLSX(w http.ResponseWriter, r *http.Request) error {
	f := firmFilter(r)
	var buf bytes.Buffer
	name, err := s.Cycle.FirmsWorkbook(r.Context(), f, &buf)
	if err != nil {
		return err
	}
	return sendFile(w, name, buf.Bytes())
}

func (s *Server) remind(w http.ResponseWriter, r *http.Request) error {
	var in cycle.RemindRequest
	if err := readJSON(r, &in); err != nil {
		return err
	}
	items, err := s.Cycle.Remind(r.Context(), in)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items, "total": len(items), "batch": items[0].Batch})
}

func (s *Server) listReminders(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	items, err := s.Cycle.Reminders(r.Context(), q.Get("dataset"), q.Get("period"), "")
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items, "total": len(items)})
}

func (s *Server) reminderNotice(w http.ResponseWriter, r *http.Request) error {
	batch := r.PathValue("batch")
	if batch == "" || len(batch) > 64 {
		return apperr.New(apperr.Invalid, "催报批次 %q 无效", batch)
	}
	var buf bytes.Buffer
	if err := s.Cycle.Notice(r.Context(), batch, &buf); err != nil {
		return err
	}
	return sendFile(w, "催报单-"+batch+".docx", buf.Bytes())
}

func (s *Server) reviewSubmission(w http.ResponseWriter, r *http.Request) error {
	k, err := approvalKey(r)
	if err != nil {
		return err
	}
	rv, err := s.Cycle.Review(r.Context(), k)
	if err != nil {
		return err
	}
	return writeJSON(w, rv)
}
