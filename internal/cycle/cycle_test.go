package cycle_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/approval"
	"mfgplan/internal/audit"
	"mfgplan/internal/collect"
	"mfgplan/internal/cycle"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/internal/xlsx"
)

var system = access.With(context.Background(), access.System)

// firm is one fixture enterprise and where its 2025-11 monthly report stands.
type firm struct {
	county, park string
	aboveScale   bool   // 规上 in 2025: expected to file
	data         bool   // figures stored for 2025-11
	status       string // approval status, "" none
}

// fixture: 宣汉县 (two in 普光经开区, one outside any park), 渠县 and 通川区;
// one firm below scale that files nothing (not expected), one below scale
// that filed anyway (expected).
var fixture = []firm{
	{"511722", "puguang_etdz", true, true, "accepted"},
	{"511722", "puguang_etdz", true, true, "submitted"},
	{"511722", "", true, true, "returned"},
	{"511722", "", true, false, ""},
	{"511725", "", true, true, "approved"},
	{"511725", "", true, true, ""},
	{"511725", "", false, false, ""},
	{"511702", "", false, true, ""},
	{"511702", "", true, true, "unlocked"},
}

type world struct {
	db  *store.DB
	svc *cycle.Service
	ids []int64
}

func setup(t *testing.T, db *store.DB, now time.Time) world {
	t.Helper()
	ctx := context.Background()
	_, reg := registrytest.Setup(t, db)
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := stats.DefaultRules(cat)
	if err != nil {
		t.Fatal(err)
	}
	col := collect.New(collect.Config{DB: db, Catalog: cat, Rules: rules, FirstYear: 2020, LastYear: 2025, Limits: xlsx.Limits{}})
	svc, err := cycle.New(cycle.Config{DB: db, Catalog: cat, Registry: reg, Approvals: approval.New(db, cat), Collect: col,
		FirstYear: 2020, LastYear: 2025, CityName: "达州市", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	w := world{db: db, svc: svc}
	for i, f := range fixture {
		var id int64
		var park any
		if f.park != "" {
			park = f.park
		}
		err := db.QueryRow(ctx, `INSERT INTO enterprises (uscc, name, county_code, park_code, industry_code, contact_name, contact_phone, synthetic, created_at, updated_at)
			VALUES (?, ?, ?, ?, '2614', '张三', '0818-2123456', TRUE, 'now', 'now') RETURNING id`,
			registrytest.USCC(f.county, i+1), "「演示」测试企业"+string(rune('A'+i)), f.county, park).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		w.ids = append(w.ids, id)
		exec(t, db, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, 2025, ?)`, id, f.aboveScale)
		if f.data {
			exec(t, db, `INSERT INTO data_values (enterprise_id, element_code, period, value, source, updated_at) VALUES (?, 'revenue', '2025-11', 100, 'test', 'now')`, id)
		}
		if f.status != "" {
			exec(t, db, `INSERT INTO approvals (enterprise_id, dataset, period, status, reason, updated_by, updated_at) VALUES (?, 'monthly', '2025-11', ?, '', 'test', 'now')`, id, f.status)
		}
	}
	return w
}

func exec(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func count(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestProgressMatchesHandCount counts 报送进度 straight from the tables —
// the approvals table for the workflow columns — and compares every county
// row and the total with the service's.
func TestProgressMatchesHandCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db, time.Date(2025, 12, 15, 10, 0, 0, 0, cycle.China))
		pr, err := w.svc.Progress(system, "monthly", "2025-11", "county")
		if err != nil {
			t.Fatal(err)
		}
		expected := `(EXISTS (SELECT 1 FROM enterprise_years y WHERE y.enterprise_id = e.id AND y.year = 2025 AND y.above_scale = TRUE)
			OR EXISTS (SELECT 1 FROM approvals a WHERE a.enterprise_id = e.id AND a.dataset = 'monthly' AND a.period = '2025-11')
			OR EXISTS (SELECT 1 FROM data_values v WHERE v.enterprise_id = e.id AND v.period = '2025-11'))`
		status := func(list string) string {
			return `SELECT COUNT(*) FROM approvals a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.dataset = 'monthly' AND a.period = '2025-11' AND e.county_code = ? AND a.status IN (` + list + `)`
		}
		for _, g := range pr.Groups {
			hand := cycle.Counts{
				Expected:  count(t, db, `SELECT COUNT(*) FROM enterprises e WHERE e.county_code = ? AND `+expected, g.Code),
				Filed:     count(t, db, `SELECT COUNT(DISTINCT v.enterprise_id) FROM data_values v JOIN enterprises e ON e.id = v.enterprise_id WHERE v.period = '2025-11' AND e.county_code = ?`, g.Code),
				Submitted: count(t, db, status(`'submitted', 'approved', 'accepted'`), g.Code),
				Approved:  count(t, db, status(`'approved', 'accepted'`), g.Code),
				Accepted:  count(t, db, status(`'accepted'`), g.Code),
				Returned:  count(t, db, status(`'returned'`), g.Code),
			}
			hand.Pending = hand.Expected - hand.Submitted
			if g.Counts != hand {
				t.Errorf("%s %s: service %+v, hand count %+v", g.Code, g.Name, g.Counts, hand)
			}
		}
		want := cycle.Counts{Expected: 8, Filed: 7, Submitted: 3, Approved: 2, Accepted: 1, Returned: 1, Pending: 5}
		if pr.Total != want || len(pr.Groups) != 3 {
			t.Errorf("total %+v in %d groups, want %+v in 3", pr.Total, len(pr.Groups), want)
		}
		if pr.DueDate != "2025-12-08" || !pr.Overdue {
			t.Errorf("due %s overdue %v, want 2025-12-08 overdue on the 15th", pr.DueDate, pr.Overdue)
		}
		parks, err := w.svc.Progress(system, "monthly", "2025-11", "park")
		if err != nil || len(parks.Groups) != 2 || parks.Groups[0].Code != "puguang_etdz" || parks.Groups[0].Expected != 2 || parks.Groups[1].Name != "园区外企业" {
			t.Errorf("by park: %+v %v", parks.Groups, err)
		}
	})
}

// TestProgressIsScoped: a county sees its own firms only; a filer is sent
// to the filing calendar.
func TestProgressIsScoped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db, time.Date(2025, 12, 15, 10, 0, 0, 0, cycle.China))
		county := access.With(context.Background(), access.Principal{User: "xh", Role: access.RoleCounty, View: access.Scope{Counties: []string{"511722"}}, Enter: access.Scope{Counties: []string{"511722"}}})
		pr, err := w.svc.Progress(county, "monthly", "2025-11", "county")
		if err != nil || len(pr.Groups) != 1 || pr.Total.Expected != 4 {
			t.Fatalf("宣汉县 progress: %+v %v", pr, err)
		}
		page, err := w.svc.Firms(county, cycle.FirmFilter{Dataset: "monthly", Period: "2025-11", States: []string{"pending"}})
		if err != nil || page.Total != 2 || page.Items[0].State != cycle.Returned || page.Items[1].State != cycle.Unfiled || page.Items[1].ContactPhone != "0818-2123456" {
			t.Fatalf("宣汉县 pending firms: %+v %v", page, err)
		}
		filer := access.With(context.Background(), access.Principal{User: "f", Role: access.RoleEnterprise, View: access.Scope{Enterprises: w.ids[:1]}, Enter: access.Scope{Enterprises: w.ids[:1]}})
		if _, err := w.svc.Progress(filer, "monthly", "2025-11", ""); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a filer read 报送进度: %v", err)
		}
	})
}

// TestFilingCalendarOpensOnEarliestOpenPeriod: the window is the twelve
// months ended by today; a firm whose November is accepted opens on
// December only once December has ended, and on the oldest unsubmitted
// month otherwise.
func TestFilingCalendarOpensOnEarliestOpenPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db, time.Date(2025, 12, 15, 10, 0, 0, 0, cycle.China))
		for _, p := range []string{"2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10"} {
			exec(t, db, `INSERT INTO approvals (enterprise_id, dataset, period, status, updated_by, updated_at) VALUES (?, 'monthly', ?, 'accepted', 'test', 'now')`, w.ids[0], p)
		}
		filer := access.With(context.Background(), access.Principal{User: "f", Role: access.RoleEnterprise, View: access.Scope{Enterprises: w.ids[:1]}, Enter: access.Scope{Enterprises: w.ids[:1]}})
		cal, err := w.svc.FilingCalendar(filer, "monthly")
		if err != nil {
			t.Fatal(err)
		}
		if n := len(cal.Periods); n != 12 || cal.Periods[0].Period != "2024-12" || cal.Periods[11].Period != "2025-11" {
			t.Fatalf("window: %d periods %v … %v", n, cal.Periods[0].Period, cal.Periods[n-1].Period)
		}
		// Every month accepted, November too: nothing open, the page opens on the newest.
		if last := cal.Periods[11]; last.State != cycle.Accepted || last.Open || cal.Opens != "2025-11" {
			t.Errorf("November: %+v, opens %s", last, cal.Opens)
		}
		exec(t, db, `DELETE FROM approvals WHERE enterprise_id = ? AND period = '2025-03'`, w.ids[0])
		cal, err = w.svc.FilingCalendar(filer, "monthly")
		if err != nil || cal.Opens != "2025-03" || cal.Periods[3].State != cycle.Unfiled || !cal.Periods[3].Overdue {
			t.Errorf("with March unsubmitted: opens %s, March %+v (%v)", cal.Opens, cal.Periods[3], err)
		}
	})
}

// TestRemindersAndNotice: a county chases its two pending firms (recorded,
// audited, counted on the firm list), may not chase one that submitted,
// and prints the 催报单.
func TestRemindersAndNotice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db, time.Date(2025, 12, 15, 10, 0, 0, 0, cycle.China))
		county := access.With(context.Background(), access.Principal{User: "xh", Role: access.RoleCounty, View: access.Scope{Counties: []string{"511722"}}, Enter: access.Scope{Counties: []string{"511722"}}})
		if _, err := w.svc.Remind(county, cycle.RemindRequest{Dataset: "monthly", Period: "2025-11", EnterpriseIDs: []int64{w.ids[2], w.ids[1]}}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("chasing a submitted firm: %v", err)
		}
		if _, err := w.svc.Remind(county, cycle.RemindRequest{Dataset: "monthly", Period: "2025-11", EnterpriseIDs: []int64{w.ids[4]}}); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("chasing another county's firm: %v", err)
		}
		rs, err := w.svc.Remind(county, cycle.RemindRequest{Dataset: "monthly", Period: "2025-11", EnterpriseIDs: []int64{w.ids[2], w.ids[3]}, Note: "请于12月18日前补报"})
		if err != nil || len(rs) != 2 || rs[0].Contact != "张三 0818-2123456" || rs[1].StateName != "未填报" {
			t.Fatalf("remind: %+v %v", rs, err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM reminders`); n != 2 {
			t.Errorf("%d reminders stored, want 2", n)
		}
		page, err := audit.Search(system, db, audit.Filter{Action: cycle.ActionRemind})
		if err != nil || page.Total != 1 || page.Items[0].Actor != "xh" {
			t.Errorf("audit of the batch: %+v %v", page, err)
		}
		firms, err := w.svc.Firms(county, cycle.FirmFilter{Dataset: "monthly", Period: "2025-11", States: []string{"pending"}})
		if err != nil || firms.Items[0].Reminders != 1 || firms.Items[0].LastReminded == "" {
			t.Errorf("firm list after reminding: %+v %v", firms.Items, err)
		}
		var buf bytes.Buffer
		if err := w.svc.Notice(county, rs[0].Batch, &buf); err != nil {
			t.Fatal(err)
		}
		doc := docText(t, buf.Bytes())
		for _, want := range []string{"统计报表催报通知单", rs[0].EnterpriseName, "2025年11月", "2025年12月8日", "已退回", "请于12月18日前补报", "宣汉县", "经办人：xh"} {
			if !strings.Contains(doc, want) {
				t.Errorf("催报单 lacks %q", want)
			}
		}
		other := access.With(context.Background(), access.Principal{User: "qx", Role: access.RoleCounty, View: access.Scope{Counties: []string{"511725"}}, Enter: access.Scope{Counties: []string{"511725"}}})
		if err := w.svc.Notice(other, rs[0].Batch, &buf); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another county printed the 催报单: %v", err)
		}
	})
}

// TestSetDue: the city moves the monthly due date; the county may not.
func TestSetDue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db, time.Date(2025, 12, 15, 10, 0, 0, 0, cycle.China))
		city := access.With(context.Background(), access.Principal{User: "c", Role: access.RoleCity, View: access.Scope{All: true}, Enter: access.Scope{All: true}})
		county := access.With(context.Background(), access.Principal{User: "xh", Role: access.RoleCounty, View: access.Scope{Counties: []string{"511722"}}})
		if _, err := w.svc.SetDue(county, "monthly", 1, 20); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("county set the calendar: %v", err)
		}
		if _, err := w.svc.SetDue(city, "monthly", 1, 31); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("day 31 accepted: %v", err)
		}
		d, err := w.svc.SetDue(city, "monthly", 1, 20)
		if err != nil || d.Day != 20 || d.Default {
			t.Fatalf("set: %+v %v", d, err)
		}
		pr, err := w.svc.Progress(system, "monthly", "2025-11", "")
		if err != nil || pr.DueDate != "2025-12-20" || pr.Overdue {
			t.Errorf("after moving the date: due %s overdue %v (%v)", pr.DueDate, pr.Overdue, err)
		}
	})
}

// docText is the text of a docx's document part.
func docText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			defer rc.Close()
			raw, _ := io.ReadAll(rc)
			return regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(raw), "")
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// TestReview: 累计 against last year (同比) and 当月 against the month
// before (环比), derived from the stored 1–N月累计.
func TestReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := setup(t, db, time.Date(2025, 12, 15, 10, 0, 0, 0, cycle.China))
		id := w.ids[1] // submitted, 2025-11 累计 revenue 100
		for p, v := range map[string]float64{"2025-10": 90, "2025-09": 82, "2024-11": 80} {
			exec(t, db, `INSERT INTO data_values (enterprise_id, element_code, period, value, source, updated_at) VALUES (?, 'revenue', ?, ?, 'test', 'now')`, id, p, v)
		}
		rv, err := w.svc.Review(system, approval.Key{EnterpriseID: id, Dataset: "monthly", Period: "2025-11"})
		if err != nil {
			t.Fatal(err)
		}
		c := rv.Values[0]
		if c.Element != "revenue" || *c.Value != 100 || *c.LastYear != 80 || *c.YoYPct != 25 || *c.Month != 10 || *c.PrevMonth != 8 || *c.MoMPct != 25 {
			t.Errorf("revenue comparison: %+v", c)
		}
		if rv.Values[1].Value != nil || rv.Status != approval.Submitted || rv.LastYearLabel != "2024年11月" {
			t.Errorf("profit (not stored) %+v; state %s; %s", rv.Values[1], rv.Status, rv.LastYearLabel)
		}
	})
}
