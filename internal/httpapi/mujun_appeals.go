package httpapi

import (
	"net/http"
	"net/url"
	"strconv"

	"mfgplan/internal/mujun"
)

func (s *Server) appealRoutes(tag string) {
	s.handle(Route{Method: "POST", Path: "/api/v1/mujun/runs/{id}/appeals", Summary: "File an appeal (申诉) on a firm's entry: {enterprise_id, reason, attachment_name, attachment (base64)}", Tag: tag}, s.fileAppeal)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/runs/{id}/appeals", Summary: "Appeals against a run (the county's inbox with ?status=filed)", Tag: tag, Query: []Param{{"status", "filed, accepted or rejected"}}}, s.listAppeals)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/appeals/{aid}", Summary: "One appeal with its status history", Tag: tag}, s.getAppeal)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/appeals/{aid}/attachment", Summary: "An appeal's attachment", Tag: tag}, s.appealAttachment)
	s.handle(Route{Method: "PUT", Path: "/api/v1/mujun/adjustments", Summary: "Enter a firm's bonus/penalty item for a year: {enterprise_id, year, item, points, reason, source}", Tag: tag}, s.setAdjustment)
	s.handle(Route{Method: "GET", Path: "/api/v1/mujun/adjustments", Summary: "Bonus/penalty items entered for a year", Tag: tag, Query: []Param{{"year", "year"}}}, s.listAdjustments)
	s.handle(Route{Method: "POST", Path: "/api/v1/mujun/appeals/{aid}/review", Summary: "Review (复核) an appeal: {accept, note, corrections}; accepted corrections make a new run version", Tag: tag}, s.reviewAppeal)
}

type appealRequest struct {
	EnterpriseID   int64  `json:"enterprise_id"`
	Reason         string `json:"reason"`
	AttachmentName string `json:"attachment_name"`
	Attachment     []byte `json:"attachment"` // base64 in JSON
}

func (s *Server) fileAppeal(w http.ResponseWriter, r *http.Request) error {
	var req appealRequest
	// base64 grows the attachment by a third; leave room for the other fields.
	if err := decodeJSON(r, &req, mujun.MaxAttachmentBytes*4/3+1<<16); err != nil {
		return err
	}
	return withID(w, r, "id", func(id int64) (any, error) {
		return s.Mujun.FileAppeal(r.Context(), id, req.EnterpriseID, mujun.Filing{Reason: req.Reason, AttachmentName: req.AttachmentName, Attachment: req.Attachment})
	})
}

func (s *Server) listAppeals(w http.ResponseWriter, r *http.Request) error {
	return withID(w, r, "id", func(id int64) (any, error) {
		items, err := s.Mujun.ListAppeals(r.Context(), id, r.URL.Query().Get("status"))
		return map[string]any{"items": items, "total": len(items)}, err
	})
}

func (s *Server) getAppeal(w http.ResponseWriter, r *http.Request) error {
	return withID(w, r, "aid", func(id int64) (any, error) { return s.Mujun.GetAppeal(r.Context(), id) })
}

func (s *Server) appealAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathParamID(r, "aid")
	if err != nil {
		return err
	}
	name, data, err := s.Mujun.AppealAttachment(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	_, err = w.Write(data)
	return err
}

type reviewRequest struct {
	Accept      bool               `json:"accept"`
	Note        string             `json:"note"`
	Corrections map[string]float64 `json:"corrections"`
}

func (s *Server) reviewAppeal(w http.ResponseWriter, r *http.Request) error {
	var req reviewRequest
	if err := decodeJSON(r, &req, 1<<16); err != nil {
		return err
	}
	return withID(w, r, "aid", func(id int64) (any, error) {
		return s.Mujun.ReviewAppeal(r.Context(), id, mujun.Review{Accept: req.Accept, Note: req.Note, Corrections: req.Corrections})
	})
}

func (s *Server) setAdjustment(w http.ResponseWriter, r *http.Request) error {
	var req mujun.AdjustmentRecord
	if err := decodeJSON(r, &req, 1<<16); err != nil {
		return err
	}
	a, err := s.Mujun.SetAdjustment(r.Context(), req)
	if err != nil {
		return err
	}
	return writeJSON(w, a)
}

func (s *Server) listAdjustments(w http.ResponseWriter, r *http.Request) error {
	year, err := intParam(r, "year")
	if err != nil {
		return err
	}
	items, err := s.Mujun.Adjustments(r.Context(), year)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items, "total": len(items), "unit": "分", "period": strconv.Itoa(year)})
}
