package query

import (
	"context"
	"strings"
	"testing"

	"mfgplan/internal/apperr"
	"mfgplan/internal/approval"
	"mfgplan/internal/indicator"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// review takes workflow steps on an enterprise's report of a period (a year
// or a month), as the enterprise and its county reviewer would, and counts
// them in svc's analytics as the app does after a write.
func review(t *testing.T, svc *Service, id int64, period string, acts ...approval.Action) {
	t.Helper()
	cat, err := stats.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	dataset := "yearly"
	if strings.Contains(period, "-") {
		dataset = "monthly"
	}
	flow := approval.New(svc.DB, cat)
	for _, act := range acts {
		if _, err := flow.Do(systemCtx(), act, approval.Key{EnterpriseID: id, Dataset: dataset, Period: period}, ""); err != nil {
			t.Fatalf("%s enterprise %d %s: %v", act, id, period, err)
		}
	}
	counted(t, svc)
}

// approve submits and approves an enterprise's report of a period.
func approve(t *testing.T, svc *Service, id int64, period string) {
	t.Helper()
	review(t, svc, id, period, approval.Submit, approval.Approve)
}

func TestApprovedBasisCountsOnlyApprovedSubmissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := primed(t, db)
		approve(t, svc, ids[0], "2024")                 // 甲新材料, 通川区
		review(t, svc, ids[1], "2024", approval.Submit) // 乙化工, 通川区: submitted, not approved

		all, err := svc.Indicators(systemCtx(), Params{Year: 2024, Basis: indicator.BasisAll})
		if err != nil {
			t.Fatal(err)
		}
		if all.Basis != indicator.BasisAll || all.BasisName != "全部数据" {
			t.Errorf("all basis response says %q %q", all.Basis, all.BasisName)
		}
		if r := find(t, all.Items, "profit_margin"); r.Actual == nil || !near(*r.Actual, 100*5000.0/120000) || r.Firms != 4 {
			t.Errorf("all basis profit margin = %v over %d firms, want %g over 4", r.Actual, r.Firms, 100*5000.0/120000)
		}
		ok, err := svc.Indicators(systemCtx(), Params{Year: 2024, Basis: indicator.BasisApproved})
		if err != nil {
			t.Fatal(err)
		}
		if ok.Basis != indicator.BasisApproved || ok.BasisName != "仅已审核数据" {
			t.Errorf("approved basis response says %q %q", ok.Basis, ok.BasisName)
		}
		if r := find(t, ok.Items, "profit_margin"); r.Actual == nil || !near(*r.Actual, 100*300.0/12000) || r.Firms != 1 {
			t.Errorf("approved basis profit margin = %v over %d firms, want %g over 1 (甲新材料 only)", r.Actual, r.Firms, 100*300.0/12000)
		}
		if r := find(t, ok.Items, "firms_revenue_over_100m"); r.Actual == nil || *r.Actual != 1 {
			t.Errorf("approved basis firms over 1亿元 = %v, want 1", r.Actual)
		}

		// 1–6月累计 2024 has its own submissions: none approved yet, then one.
		month := func() indicator.Row {
			t.Helper()
			res, err := svc.Indicators(systemCtx(), Params{Period: "2024-06", Basis: indicator.BasisApproved})
			if err != nil {
				t.Fatal(err)
			}
			return find(t, res.Items, "profit_margin")
		}
		if r := month(); r.Actual != nil {
			t.Errorf("2024-06 approved basis before any monthly approval = %v, want no data", *r.Actual)
		}
		approve(t, svc, ids[3], "2024-06") // 丁药业
		if r := month(); r.Actual == nil || !near(*r.Actual, 100*1000.0/20000) || r.Firms != 1 {
			t.Errorf("2024-06 approved basis = %v over %d firms, want %g over 1 (丁药业 only)", r.Actual, r.Firms, 100*1000.0/20000)
		}

		// 2023 has no approved submission at all: no data, not zeros.
		prev, err := svc.Indicators(systemCtx(), Params{Year: 2023, Basis: indicator.BasisApproved})
		if err != nil {
			t.Fatal(err)
		}
		if r := find(t, prev.Items, "firms_revenue_over_100m"); r.Actual != nil || r.Status != indicator.NoData || !strings.Contains(r.Reason, "审核") {
			t.Errorf("2023 approved basis = %v %s %q, want no data saying nothing is approved", r.Actual, r.Status, r.Reason)
		}
		// 宣汉县 has no approved enterprise in 2024: no data either.
		county, err := svc.Indicators(systemCtx(), Params{Year: 2024, Org: "511722", Basis: indicator.BasisApproved})
		if err != nil {
			t.Fatal(err)
		}
		if r := find(t, county.Items, "firms_revenue_over_100m"); r.Actual != nil {
			t.Errorf("511722 approved basis counts %v firms without any approved report", *r.Actual)
		}
	})
}

func TestApprovingRefreshesOnlyTheApprovedBasis(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := primed(t, db)
		approve(t, svc, ids[0], "2024")
		if _, err := svc.Indicators(systemCtx(), Params{Year: 2024, Basis: indicator.BasisApproved}); err != nil {
			t.Fatal(err)
		}
		before := basisValues(t, db, indicator.BasisAll)
		approve(t, svc, ids[2], "2024") // 丙光电, 宣汉县

		ok, err := svc.Indicators(systemCtx(), Params{Year: 2024, Basis: indicator.BasisApproved, By: "county"})
		if err != nil {
			t.Fatal(err)
		}
		if r := find(t, ok.Items, "profit_margin"); r.Actual == nil || !near(*r.Actual, 100*1800.0/48000) || r.Firms != 2 {
			t.Errorf("approved basis after a second approval = %v over %d firms, want %g over 2", r.Actual, r.Firms, 100*1800.0/48000)
		}
		for _, tb := range ok.Breakdown {
			if tb.Org.Code == "511722" && find(t, tb.Items, "profit_margin").Actual == nil {
				t.Errorf("511722 has no approved-basis value after 丙光电 was approved")
			}
		}
		var pending int
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM analytics_dirty`).Scan(&pending); err != nil || pending != 0 {
			t.Errorf("%d marks still pending after the read (%v)", pending, err)
		}
		sameValues(t, "all basis before and after an approval", before, basisValues(t, db, indicator.BasisAll))

		incremental := basisValues(t, db, indicator.BasisApproved)
		if _, err := svc.Analytics.Rebuild(context.Background()); err != nil {
			t.Fatal(err)
		}
		sameValues(t, "approved basis refreshed and rebuilt", incremental, basisValues(t, db, indicator.BasisApproved))
	})
}

// sameValues reports the analytics values that differ between a and b.
func sameValues(t *testing.T, what string, a, b map[string]*float64) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d rows against %d", what, len(a), len(b))
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || (v == nil) != (w == nil) || (v != nil && !near(*v, *w)) {
			t.Errorf("%s: %s differs: %v against %v", what, k, v, w)
		}
	}
}

// basisValues reads every analytics value of a basis by unit, period and indicator.
func basisValues(t *testing.T, db *store.DB, b indicator.Basis) map[string]*float64 {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT org_code, group_code, period, indicator_code, value FROM analytics_indicator_values WHERE basis = ?`, string(b))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]*float64{}
	for rows.Next() {
		var org, group, period, code string
		var v *float64
		if err := rows.Scan(&org, &group, &period, &code, &v); err != nil {
			t.Fatal(err)
		}
		out[org+"/"+group+"/"+period+"/"+code] = v
	}
	return out
}

func TestBasisDefaultsToTheApprovedOnlySetting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := primed(t, db)
		approve(t, svc, ids[0], "2024")
		for _, tc := range []struct {
			setting bool
			want    indicator.Basis
		}{{false, indicator.BasisAll}, {true, indicator.BasisApproved}} {
			if err := approval.SetApprovedOnly(systemCtx(), db, tc.setting); err != nil {
				t.Fatal(err)
			}
			res, err := svc.Indicators(systemCtx(), Params{Year: 2024})
			if err != nil {
				t.Fatal(err)
			}
			ex, err := svc.Explain(systemCtx(), "profit_margin", Params{Year: 2024}, "")
			if err != nil {
				t.Fatal(err)
			}
			dd, err := svc.Breakdown(systemCtx(), "profit_margin", Params{Year: 2024, By: "county"})
			if err != nil {
				t.Fatal(err)
			}
			se, err := svc.Series(systemCtx(), "profit_margin", Params{})
			if err != nil {
				t.Fatal(err)
			}
			for name, got := range map[string]indicator.Basis{"indicators": res.Basis, "explain": ex.Basis, "breakdown": dd.Basis, "series": se.Basis} {
				if got != tc.want {
					t.Errorf("approved_only=%v: %s read basis %q, want %q", tc.setting, name, got, tc.want)
				}
			}
			if tc.want == indicator.BasisApproved && len(ex.Contributors) != 1 {
				t.Errorf("approved basis explain lists %d contributors, want only the approved enterprise", len(ex.Contributors))
			}
		}
		if _, err := svc.Indicators(systemCtx(), Params{Year: 2024, Basis: "draft"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("unknown basis: %v, want invalid", err)
		}
	})
}

func TestApprovedBasisStartsAtTheLatestApprovedPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := primed(t, db)
		approve(t, svc, ids[0], "2023") // 2024 is reported but not yet approved
		for _, tc := range []struct {
			basis indicator.Basis
			want  string
		}{{indicator.BasisAll, "2024"}, {indicator.BasisApproved, "2023"}} {
			res, err := svc.Indicators(systemCtx(), Params{Basis: tc.basis})
			if err != nil {
				t.Fatal(err)
			}
			if res.Period != tc.want {
				t.Errorf("%s basis opens at %s, want %s", tc.basis, res.Period, tc.want)
			}
		}
	})
}

// TestFullyApprovedPeriodMatchesAllData: once every enterprise's report of a
// period is approved, both bases hold the same levels for it (the approved
// basis reuses the all basis's results unit by unit); 同比 values still
// differ where last year is not approved.
func TestFullyApprovedPeriodMatchesAllData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := primed(t, db)
		for _, id := range ids {
			approve(t, svc, id, "2024")
		}
		if _, err := svc.Indicators(systemCtx(), Params{Year: 2024, Basis: indicator.BasisApproved}); err != nil {
			t.Fatal(err)
		}
		levels := func(b indicator.Basis) map[string]*float64 {
			rows, err := db.Query(context.Background(), `SELECT org_code, group_code, indicator_code, level FROM analytics_indicator_values WHERE basis = ? AND period = '2024'`, string(b))
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[string]*float64{}
			for rows.Next() {
				var org, group, code string
				var v *float64
				if err := rows.Scan(&org, &group, &code, &v); err != nil {
					t.Fatal(err)
				}
				out[org+"/"+group+"/"+code] = v
			}
			return out
		}
		sameValues(t, "2024 levels, all against approved", levels(indicator.BasisAll), levels(indicator.BasisApproved))
	})
}

// Two firms share the 卤水 node; only 乙化工's 2024 report is approved. The
// approved basis's node and chain units count it alone, in the table, in an
// indicator's breakdown, and the same after an incremental refresh as after
// a full rebuild.
func TestApprovedBasisNodeUnitsCountOnlyApprovedFirms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ids, svc := brineWithOneApproved(t, db)
		want := 100 * 800.0 / 24000 // 乙化工 2024: profit 800, revenue 24000 万元
		nodes := breakdownOf(t, svc, Params{Year: 2024, By: "node", Basis: indicator.BasisApproved})
		if r := nodes["node:brine"]; r.Firms != 1 || r.Actual == nil || !near(*r.Actual, want) {
			t.Errorf("approved 卤水: %d firms, margin %v; want 1, %g", r.Firms, r.Actual, want)
		}
		if r := nodes["node:lithium_carbonate"]; r.Actual != nil {
			t.Errorf("approved 碳酸锂 (甲 only, not approved) = %v, want no data", *r.Actual)
		}
		chains := breakdownOf(t, svc, Params{Year: 2024, By: "chain", Basis: indicator.BasisApproved})
		if r := chains["chain:brine_lithium_battery"]; r.Firms != 1 || r.Actual == nil || !near(*r.Actual, want) {
			t.Errorf("approved 卤水－…－动力电池 chain: %d firms, margin %v; want 1, %g", r.Firms, r.Actual, want)
		}
		if r := breakdownOf(t, svc, Params{Year: 2024, By: "node", Basis: indicator.BasisAll})["node:brine"]; r.Firms != 2 {
			t.Errorf("all-basis 卤水 counts %d firms, want 2", r.Firms)
		}
		d, err := svc.Breakdown(systemCtx(), "profit_margin", Params{Year: 2024, By: "node", Basis: indicator.BasisApproved})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range d.Items {
			if it.Group == "node:brine" && (it.Row.Firms != 1 || it.Row.Actual == nil || !near(*it.Row.Actual, want)) {
				t.Errorf("approved breakdown of 卤水: %d firms, %v; want 1, %g", it.Row.Firms, it.Row.Actual, want)
			}
		}
		approve(t, svc, ids[0], "2024") // now both firms of 卤水: the unit reads as in the all basis
		both := 100 * 1100.0 / 36000
		if r := breakdownOf(t, svc, Params{Year: 2024, By: "node", Basis: indicator.BasisApproved})["node:brine"]; r.Firms != 2 || r.Actual == nil || !near(*r.Actual, both) {
			t.Errorf("approved 卤水 after 甲 too: %d firms, margin %v; want 2, %g", r.Firms, r.Actual, both)
		}
		incremental := basisValues(t, db, indicator.BasisApproved)
		if _, err := svc.Analytics.Rebuild(context.Background()); err != nil {
			t.Fatal(err)
		}
		sameValues(t, "approved basis with chain units refreshed and rebuilt", incremental, basisValues(t, db, indicator.BasisApproved))
	})
}
