package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mfgplan/internal/collect"
	"mfgplan/internal/httpapi"
	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
	"mfgplan/plans"
)

// testUSCC is a valid 统一社会信用代码 (GB 32100 check characters correct).
const testUSCC = "91511722MA00000159"

func newCollectServer(t *testing.T, db *store.DB) *httpapi.Server {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO org_units (code, name, level) VALUES ('511700', '达州市', 'city')`,
		`INSERT INTO org_units (code, name, level, parent_code) VALUES ('511722', '宣汉县', 'county', '511700')`,
		`INSERT INTO enterprises (uscc, name, county_code, industry_code, created_at, updated_at) VALUES ('` + testUSCC + `', '演示企业有限公司', '511722', '2614', 'now', 'now')`,
	} {
		if _, err := db.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := plans.Files.ReadFile(plans.Default)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := plan.Parse(plans.Default, raw)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := stats.DefaultCatalog()
	rules, _ := stats.DefaultRules(cat)
	svc := collect.New(collect.Config{DB: db, Catalog: cat, Rules: rules, FirstYear: 2020, LastYear: 2025, Limits: xlsx.Limits{}})
	return httpapi.New(httpapi.Deps{DB: db, Plan: loaded, Catalog: cat, Collect: svc, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

func do(t *testing.T, h http.Handler, method, url, ctype string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, url, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func upload(t *testing.T, h http.Handler, name string, data []byte, fields map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	return do(t, h, "POST", "/api/v1/imports", mw.FormDataContentType(), body.Bytes())
}

// TestCollectAPI walks template → filled upload → history → data values,
// and a rejected upload with its annotated workbook.
func TestCollectAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newCollectServer(t, db)
		rec := do(t, h, "GET", "/api/v1/templates?dataset=monthly&period=2024-06", "", nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/vnd.openxmlformats") {
			t.Fatalf("template: %d %s", rec.Code, rec.Body.String())
		}
		f, err := excelize.OpenReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellValue("数据", "C2", 500)
		var filled bytes.Buffer
		f.WriteTo(&filled)

		rec = upload(t, h, "june.xlsx", filled.Bytes(), map[string]string{"dry_run": "true"})
		var res collect.ImportResult
		if json.Unmarshal(rec.Body.Bytes(), &res); rec.Code != 200 || res.Status != collect.StatusChecked || res.Inserted != 1 {
			t.Fatalf("dry run: %d %s", rec.Code, rec.Body.String())
		}
		rec = upload(t, h, "june.xlsx", filled.Bytes(), nil)
		if json.Unmarshal(rec.Body.Bytes(), &res); rec.Code != 200 || res.Status != collect.StatusCommitted || res.Inserted != 1 {
			t.Fatalf("import: %d %s", rec.Code, rec.Body.String())
		}
		rec = do(t, h, "GET", "/api/v1/data-values?dataset=monthly&period=2024-06&enterprise="+testUSCC, "", nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"unit":"万元"`) || !strings.Contains(rec.Body.String(), `"value":500`) {
			t.Errorf("data values: %d %s", rec.Code, rec.Body.String())
		}

		f.SetCellValue("数据", "C2", "五百")
		var bad bytes.Buffer
		f.WriteTo(&bad)
		rec = upload(t, h, "bad.xlsx", bad.Bytes(), nil)
		var body struct {
			Error struct {
				Code    string               `json:"code"`
				Details collect.ImportResult `json:"details"`
			} `json:"error"`
		}
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != 400 || body.Error.Details.Problems[0].Cell != "C2" {
			t.Fatalf("bad upload: %d %s", rec.Code, rec.Body.String())
		}
		id := body.Error.Details.ID
		rec = do(t, h, "GET", "/api/v1/imports/"+itoa(id)+"/annotated", "", nil)
		if rec.Code != 200 || !bytes.HasPrefix(rec.Body.Bytes(), []byte("PK")) {
			t.Errorf("annotated: %d", rec.Code)
		}
		rec = do(t, h, "GET", "/api/v1/imports?limit=10", "", nil)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"total":3`) {
			t.Errorf("history: %d %s", rec.Code, rec.Body.String())
		}
		rec = do(t, h, "POST", "/api/v1/data-values", "application/json", []byte(`[{"uscc":"`+testUSCC+`","element":"revenue","period":"2024-07","value":"x"}]`))
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), `"index":0`) || !strings.Contains(rec.Body.String(), `"field":"value"`) {
			t.Errorf("bad bulk write: %d %s", rec.Code, rec.Body.String())
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
