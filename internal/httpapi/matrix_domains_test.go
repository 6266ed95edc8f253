package httpapi_test

import (
	"context"
	"mime/multipart"
	"strconv"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/auth/authtest"
)

// Rows of the access matrix for the domain services' routes (registry,
// collect, indicators, 亩均). Rows for routes a build does not serve are
// ignored, so this table can run ahead of the merges.

// enterpriseID puts the in- or out-of-scope enterprise's id into {id}
// (and a year into {year}).
func enterpriseID(e *env, _ access.Role, in bool) (map[string]string, error) {
	return map[string]string{"{id}": e.placeholders(in)["{enterprise}"], "{year}": "2024"}, nil
}

// Valid USCCs (GB 32100) for registering a new enterprise in either county;
// each request deletes the one before.
var newUSCC = map[bool]string{true: "91511722T00000036J", false: "91511725T00000044Q"}

func newEnterprise(e *env, _ access.Role, in bool) (map[string]string, error) {
	_, err := e.db.Exec(context.Background(), `DELETE FROM enterprises WHERE uscc = ?`, newUSCC[in])
	return map[string]string{"{uscc}": newUSCC[in]}, err
}

func enterpriseFields(e *env, _ access.Role, in bool) (map[string]string, error) {
	uscc, name := authtest.OutUSCC, authtest.OutName
	if in {
		uscc, name = authtest.InUSCC, authtest.InName
	}
	return map[string]string{"{uscc}": uscc, "{name}": name}, nil
}

// writes is the shape of a write to one enterprise: city-wide roles may
// write both, the county, park and enterprise of the one in scope only,
// the leader nothing; the other enterprise does not exist for them.
func writes(ok int) map[access.Role]expect {
	m := scoped(ok)
	m[access.RoleLeader] = expect{403, 404}
	return m
}

// registryWrites is a write of a registry fact the bureau counts with (规上
// status, designations, chain nodes): like writes, but the enterprise's own
// filer may not make it (registry field rights; the county does).
func registryWrites(ok int) map[access.Role]expect {
	return with(writes(ok), access.RoleEnterprise, expect{403, 404})
}

// refused is an import-style write (file or JSON batch) to one enterprise:
// the batch is checked whole and refused with the list of problems (400)
// when a row names an enterprise outside the caller's entry scope. The
// rows clear approvals first: a submitted month is locked (409).
func refused() map[access.Role]expect {
	m := every(400)
	m[access.RoleAdmin], m[access.RoleCity] = expect{200, 200}, expect{200, 200}
	for _, r := range []access.Role{access.RoleCounty, access.RolePark, access.RoleEnterprise} {
		m[r] = expect{200, 400}
	}
	return m
}

// regionWrite is a write to a county's figures: city-wide roles both, the
// county its own; a park, an enterprise or a leader none.
func regionWrite() map[access.Role]expect {
	m := only(200, access.RoleAdmin, access.RoleCity)
	m[access.RoleCounty] = expect{200, 403}
	return m
}

// multipartCSV is an upload form with a CSV file and a period.
func multipartCSV(csv, period string) (body, contentType string) {
	var b strings.Builder
	w := multipart.NewWriter(&b)
	w.SetBoundary("mfgplan-matrix-boundary")
	f, _ := w.CreateFormFile("file", "matrix.csv")
	f.Write([]byte(csv))
	w.WriteField("period", period)
	w.Close()
	return b.String(), w.FormDataContentType()
}

// ownImport stores an import made by the caller (in) or by the city (out):
// imports are visible to their author and to city-wide roles.
func ownImport(e *env, role access.Role, in bool) (map[string]string, error) {
	actor := "city"
	if in {
		actor = string(role)
	}
	var id int64
	err := e.db.QueryRow(context.Background(), `INSERT INTO imports (actor, created_at, file_name, format, sha256, status, file_bytes)
		VALUES (?, '2025-06-01T00:00:00Z', 'matrix.csv', 'csv', 'x', 'rejected', ?) RETURNING id`, actor, []byte("a,b\n")).Scan(&id)
	return map[string]string{"{id}": strconv.FormatInt(id, 10)}, err
}

func domainRows(rows map[string]entry) {
	importBody, importType := multipartCSV("统一社会信用代码,企业名称,营业收入（万元）\n{uscc},{name},1200\n", "2025-05")
	for k, v := range map[string]entry{
		// A county's towns: city-wide roles both counties, a county user
		// (admin or leader) its own; to a park or an enterprise user no
		// county's towns exist.
		"GET /api/v1/org-units": {query: "?parent={county}", want: countyFigures()},
		// Towns are maintained by city-wide roles and by the county's own
		// administrator; every county is public, so another county is 403.
		"POST /api/v1/org-units": {vars: newTown, body: `{"parent_code":"{county}","code":"{town}","name":"矩阵测试镇"}`,
			want: with(only(201, access.RoleAdmin, access.RoleCity), access.RoleCounty, expect{201, 403})},
		// Another county's town does not exist for a county user; the leader
		// sees its county's town but may not delete it.
		"DELETE /api/v1/org-units/{code}": {vars: existingTown,
			want: with(with(countyFigures(), access.RoleLeader, expect{403, 404}), access.RoleCounty, expect{200, 404})},
		"GET /api/v1/parks":                         {query: "?county={county}", want: every(200)},
		"GET /api/v1/enterprises":                   {query: "?county={county}", want: every(200)},
		"GET /api/v1/dataset":                       {want: every(200)},
		"GET /api/v1/catalog":                       {want: every(200)},
		"GET /api/v1/enterprises/{id}":              {vars: enterpriseID, want: scoped(200)},
		"GET /api/v1/enterprises/{id}/history":      {vars: enterpriseID, want: scoped(200)},
		"GET /api/v1/enterprises/{id}/values":       {vars: enterpriseID, want: scoped(200)},
		"PUT /api/v1/enterprises/{id}/years/{year}": {vars: enterpriseID, body: `{"above_scale":true}`, want: registryWrites(200)},
		"PUT /api/v1/enterprises/{id}":              {vars: enterpriseID, body: `{"note":"访问矩阵"}`, want: writes(200)},
		"POST /api/v1/enterprises/{id}/tags": {vars: enterpriseID, want: registryWrites(201),
			prepare: func(e *env) error {
				_, err := e.db.Exec(context.Background(), `DELETE FROM enterprise_tags`)
				return err
			},
			body: `{"tag":"smart_factory","level":"province","valid_from":"2024-05-01"}`},
		"POST /api/v1/enterprises": {vars: newEnterprise, body: `{"uscc":"{uscc}","name":"矩阵测试有限公司","county_code":"{county}","industry_code":"2614"}`,
			want: with(with(only(201, access.RoleAdmin, access.RoleCity), access.RoleCounty, expect{201, 403}), access.RoleLeader, expect{403, 403})},
		"GET /api/v1/region-values":          {query: "?org={county}", want: every(200)},
		"PUT /api/v1/region-values":          {body: `{"org_code":"{county}","element":"gdp","period":"2023","value":1,"source":"访问矩阵"}`, want: regionWrite()},
		"GET /api/v1/templates":              {query: "?dataset=monthly&period=2025-05", want: every(200)},
		"GET /api/v1/exports":                {query: "?dataset=monthly&period=2025-05", want: every(200)},
		"POST /api/v1/imports":               {vars: enterpriseFields, body: importBody, contentType: importType, prepare: setApproval(""), want: refused()},
		"GET /api/v1/imports":                {want: every(200)},
		"GET /api/v1/imports/{id}":           {vars: ownImport, want: scoped(200)},
		"GET /api/v1/imports/{id}/file":      {vars: ownImport, want: scoped(200)},
		"GET /api/v1/imports/{id}/annotated": {vars: ownImport, want: every(404)}, // a fixture import has no annotated workbook
		// A filter naming an enterprise outside the scope yields an empty page.
		"GET /api/v1/data-values":                 {query: "?enterprise={enterprise}&dataset=monthly&period=2025-05", want: every(200)},
		"POST /api/v1/data-values":                {body: `[{"enterprise_id":{enterprise},"element":"revenue","period":"2025-05","value":1200}]`, prepare: setApproval(""), want: refused()},
		"GET /api/v1/indicators":                  {query: "?year=2024&org={county}", want: countyFigures()},
		"GET /api/v1/indicators/{code}/explain":   {query: "?year=2024&org={county}", vars: indicatorCode, want: countyFigures()},
		"GET /api/v1/indicators/{code}/series":    {query: "?org={county}", vars: indicatorCode, want: countyFigures()},
		"GET /api/v1/indicators/{code}/breakdown": {query: "?year=2024&by=park&org={county}", vars: indicatorCode, want: countyFigures()},
	} {
		rows[k] = v
	}
}

// matrixTown is the code of the town the org-unit rows add and delete in
// the in- or out-of-scope county.
func matrixTown(in bool) string {
	if in {
		return authtest.Xuanhan + "199"
	}
	return authtest.Quxian + "199"
}

// newTown removes the town a previous request added, so each one adds it anew.
func newTown(e *env, _ access.Role, in bool) (map[string]string, error) {
	_, err := e.db.Exec(context.Background(), `DELETE FROM org_units WHERE code = ?`, matrixTown(in))
	return map[string]string{"{town}": matrixTown(in)}, err
}

// existingTown makes sure the town exists (a previous request may have
// deleted it) and puts its code into {code}.
func existingTown(e *env, _ access.Role, in bool) (map[string]string, error) {
	county := e.placeholders(in)["{county}"]
	_, err := e.db.Exec(context.Background(), `INSERT INTO org_units (code, name, level, parent_code, source)
		VALUES (?, '矩阵测试镇', 'town', ?, 'user') ON CONFLICT DO NOTHING`, matrixTown(in), county)
	return map[string]string{"{code}": matrixTown(in)}, err
}

// countyFigures is a read of a county's aggregate (org={county}): the
// city-wide roles read both counties, the county and a leader of it their
// own; a park or an enterprise sees no county aggregate.
func countyFigures() map[access.Role]expect {
	m := scoped(200)
	m[access.RolePark], m[access.RoleEnterprise] = expect{404, 404}, expect{404, 404}
	return m
}

// indicatorCode is a headline indicator computed from enterprise data.
func indicatorCode(*env, access.Role, bool) (map[string]string, error) {
	return map[string]string{"{code}": "profit_margin"}, nil
}
