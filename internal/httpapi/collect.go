package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
)

// Upload and body limits: the import limits guard what a file unpacks to;
// these guard what the server reads at all.
const (
	maxUploadBytes = 64 << 20
	maxJSONBytes   = 32 << 20
)

func (s *Server) collectRoutes() {
	dsPeriod := []Param{{"dataset", "dataset code: monthly or yearly"}, {"period", "2024-06 (monthly) or 2024 (yearly)"}}
	page := []Param{{"limit", "page size (default 50, at most 500)"}, {"offset", "rows to skip"}}
	s.handle(Route{Method: "GET", Path: "/api/v1/templates", Summary: "Download an xlsx fill-in template (填报模板) for the caller's enterprises", Tag: "collect", Query: dsPeriod}, s.workbook((*collect.Service).Template, "模板"))
	s.handle(Route{Method: "GET", Path: "/api/v1/exports", Summary: "Export stored values as xlsx in the template's layout", Tag: "collect", Query: dsPeriod}, s.workbook((*collect.Service).Export, "导出"))
	s.handle(Route{Method: "POST", Path: "/api/v1/imports", Summary: "Import an xlsx or CSV file (multipart: file, dataset, period, dry_run); all or nothing", Tag: "collect"}, s.postImport)
	s.handle(Route{Method: "GET", Path: "/api/v1/imports", Summary: "Import history, newest first", Tag: "collect", Query: page}, s.listImports)
	s.handle(Route{Method: "GET", Path: "/api/v1/imports/{id}", Summary: "One import with its problems", Tag: "collect"}, s.getImport)
	s.handle(Route{Method: "GET", Path: "/api/v1/imports/{id}/file", Summary: "The imported file as uploaded", Tag: "collect"}, s.importFile(false))
	s.handle(Route{Method: "GET", Path: "/api/v1/imports/{id}/annotated", Summary: "The rejected workbook with an 错误信息 column and failing rows in red", Tag: "collect"}, s.importFile(true))
	s.handle(Route{Method: "GET", Path: "/api/v1/data-values", Summary: "Stored data values with unit and period", Tag: "collect",
		Query: append([]Param{{"dataset", "dataset code"}, {"period", "period id"}, {"enterprise", "USCC or enterprise id"}, {"element", "element code"}}, page...)}, s.listValues)
	s.handle(Route{Method: "POST", Path: "/api/v1/data-values", Summary: "Write values in bulk: [{uscc|enterprise_id, element, period, value}], all or nothing", Tag: "collect",
		Query: []Param{{"dry_run", "true: check only"}}}, s.postValues)
}

// workbook serves a generated xlsx.
func (s *Server) workbook(write func(*collect.Service, context.Context, io.Writer, string, string) error, what string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ds, period := r.URL.Query().Get("dataset"), r.URL.Query().Get("period")
		var buf bytes.Buffer
		if err := write(s.Collect, r.Context(), &buf, ds, period); err != nil {
			return err
		}
		return sendFile(w, fmt.Sprintf("%s-%s-%s.xlsx", what, ds, period), buf.Bytes())
	}
}

func (s *Server) postImport(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
	form, err := readUpload(r)
	if err != nil {
		return err
	}
	dry, _ := strconv.ParseBool(form.fields["dry_run"])
	res, err := s.Collect.Import(r.Context(), collect.ImportRequest{FileName: form.name, Data: form.data, Dataset: form.fields["dataset"], Period: form.fields["period"], DryRun: dry})
	if err != nil {
		return err
	}
	return writeJSON(w, res)
}

// upload is a multipart import form: one file and a few short fields.
type upload struct {
	name   string
	data   []byte
	fields map[string]string
}

// readUpload streams the multipart form into memory. (ParseMultipartForm
// would write every file over 8 MiB to a temporary file, which a killed
// process leaves behind; the import holds the whole file in memory anyway,
// and the body is bounded by maxUploadBytes.)
func readUpload(r *http.Request) (upload, error) {
	u := upload{fields: map[string]string{}}
	mr, err := r.MultipartReader()
	if err != nil {
		return u, apperr.New(apperr.Invalid, "请以 multipart/form-data 上传文件（字段 file），大小不超过 %d MB：%v", maxUploadBytes>>20, err)
	}
	files := 0
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return u, uploadError(err)
		}
		switch name := part.FormName(); {
		case name == "file":
			files++
			u.name = part.FileName()
			if u.data, err = io.ReadAll(part); err != nil {
				return u, uploadError(err)
			}
		case name != "":
			v, err := io.ReadAll(io.LimitReader(part, 1<<10))
			if err != nil {
				return u, uploadError(err)
			}
			u.fields[name] = string(v)
		}
	}
	if files != 1 {
		return u, apperr.New(apperr.Invalid, "请上传一个文件（表单字段 file）")
	}
	return u, nil
}

// uploadError keeps an oversized body recognisable (413) and says what
// else went wrong.
func uploadError(err error) error {
	return badBody(err, "上传的表单无法读取（请以 multipart/form-data 上传文件，字段 file）")
}

func (s *Server) listImports(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := pageOf(r)
	if err != nil {
		return err
	}
	items, total, err := s.Collect.ListImports(r.Context(), limit, offset)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items, "total": total, "limit": limit, "offset": offset})
}

func (s *Server) getImport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	res, err := s.Collect.GetImport(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, res)
}

func (s *Server) importFile(annotated bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		name, data, err := s.Collect.ImportFile(r.Context(), id, annotated)
		if err != nil {
			return err
		}
		return sendFile(w, name, data)
	}
}

func (s *Server) listValues(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, offset, err := pageOf(r)
	if err != nil {
		return err
	}
	items, total, err := s.Collect.Values(r.Context(), collect.ValueQuery{Dataset: q.Get("dataset"), Period: q.Get("period"),
		Enterprise: q.Get("enterprise"), Element: q.Get("element"), Limit: limit, Offset: offset})
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items, "total": total, "limit": limit, "offset": offset})
}

func (s *Server) postValues(w http.ResponseWriter, r *http.Request) error {
	var items []collect.ValueInput
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&items); err != nil {
		return badBody(err, "请求体应为 JSON 数组 [{uscc 或 enterprise_id, element, period, value}]")
	}
	dry, _ := strconv.ParseBool(r.URL.Query().Get("dry_run"))
	res, err := s.Collect.SaveJSON(r.Context(), items, dry)
	if err != nil {
		return err
	}
	return writeJSON(w, res)
}

// pageOf reads limit (default 50, at most 500) and offset.
func pageOf(r *http.Request) (int, int, error) {
	limit, err := intParam(r, "limit")
	if err != nil {
		return 0, 0, err
	}
	offset, err := intParam(r, "offset")
	if err != nil {
		return 0, 0, err
	}
	if limit == 0 {
		limit = 50
	}
	if limit < 1 || limit > 500 || offset < 0 {
		return 0, 0, apperr.New(apperr.Invalid, "limit 应为 1–500，offset 不能为负")
	}
	return limit, offset, nil
}

// sendFile writes a download with its name (RFC 6266, UTF-8) and the
// content type of its extension.
func sendFile(w http.ResponseWriter, name string, data []byte) error {
	ct, ok := fileTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	_, err := w.Write(data)
	return err
}

// fileTypes are the media types of the files the server sends (IANA).
var fileTypes = map[string]string{
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".csv":  "text/csv; charset=utf-8",
	".pdf":  "application/pdf",
}
