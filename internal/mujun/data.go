package mujun

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
)

// Approvals says whose yearly data may be evaluated. The data-approval
// workflow (package approval) decides it; until it is wired in, AllApproved
// treats every stored figure as approved.
type Approvals interface {
	// Unapproved returns, for the given enterprises, those whose data for
	// the year are not approved, with the reason shown in the run (class T).
	Unapproved(ctx context.Context, year int, ids []int64) (map[int64]string, error)
}

// AllApproved is the default Approvals: every enterprise's data count as
// approved. Replace it with the approval service's adapter once it exists.
type AllApproved struct{}

// Unapproved returns nothing: all data are approved.
func (AllApproved) Unapproved(context.Context, int, []int64) (map[int64]string, error) {
	return nil, nil
}

// yearElements are the stats elements read for a run, by input.
var yearElements = map[string]Input{
	"revenue": InRevenue, "tax_paid": InTaxPaid, "employees": InEmployees, "energy_total": InEnergyTotal,
	"energy_power": InEnergyPower, "rd_expense": InRDExpense, "value_added": InValueAdded,
	"pollutant_emission": InPollutant, "tech_investment": InTechInvestment, "land_area": InLand,
}

// noDataReason is the class-T reason of a firm on the 规上/规下 list of a
// year without a single figure for it.
const noDataReason = "无本年度数据"

// loadFirms reads the firms of a year that the caller may see: those with a
// 规上/规下 designation or any yearly figure for the year, with their
// figures (land from the yearly land_area figure, else the registry's land_mu)
// and their bonus and penalty items.
func loadFirms(ctx context.Context, q store.Querier, year int) ([]Firm, error) {
	filter, fargs := access.From(ctx).View.EnterpriseFilter("e")
	period := strconv.Itoa(year)
	rows, err := q.Query(ctx, `SELECT e.id, e.uscc, e.name, e.county_code, COALESCE(e.park_code, ''), COALESCE(e.cluster_code, ''),
		e.industry_code, COALESCE(e.established_on, ''), e.land_mu, y.above_scale
		FROM enterprises e LEFT JOIN enterprise_years y ON y.enterprise_id = e.id AND y.year = ?
		WHERE `+filter+` AND (y.enterprise_id IS NOT NULL OR EXISTS (SELECT 1 FROM data_values v WHERE v.enterprise_id = e.id AND v.period = ?))
		ORDER BY e.id`, append(append([]any{year}, fargs...), period)...)
	if err != nil {
		return nil, fmt.Errorf("reading enterprises for %d: %w", year, err)
	}
	var firms []Firm
	index := map[int64]int{}
	for rows.Next() {
		f := Firm{Values: NoValues()}
		var land sql.NullFloat64
		var above sql.NullBool
		if err := rows.Scan(&f.ID, &f.USCC, &f.Name, &f.County, &f.Park, &f.Cluster, &f.Industry, &f.EstablishedOn, &land, &above); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading enterprises for %d: %w", year, err)
		}
		if land.Valid {
			f.Values[InLand] = land.Float64
		}
		f.AboveScale = above.Bool
		f.Ungraded = noDataReason
		index[f.ID] = len(firms)
		firms = append(firms, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := loadValues(ctx, q, period, firms, index); err != nil {
		return nil, err
	}
	return firms, loadAdjustments(ctx, q, year, firms, index)
}

func loadValues(ctx context.Context, q store.Querier, period string, firms []Firm, index map[int64]int) error {
	codes := make([]string, 0, len(yearElements))
	args := []any{period}
	for c := range yearElements {
		codes = append(codes, c)
	}
	for _, c := range codes {
		args = append(args, c)
	}
	rows, err := q.Query(ctx, `SELECT enterprise_id, element_code, value FROM data_values
		WHERE period = ? AND element_code IN (`+store.Placeholders(len(codes))+`)`, args...)
	if err != nil {
		return fmt.Errorf("reading figures for %s: %w", period, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		var v float64
		if err := rows.Scan(&id, &code, &v); err != nil {
			return fmt.Errorf("reading figures for %s: %w", period, err)
		}
		i, ok := index[id]
		if !ok {
			continue // outside the caller's scope
		}
		firms[i].Values[yearElements[code]] = v
		firms[i].Ungraded = ""
	}
	return rows.Err()
}

func loadAdjustments(ctx context.Context, q store.Querier, year int, firms []Firm, index map[int64]int) error {
	rows, err := q.Query(ctx, `SELECT enterprise_id, item_code, points, reason FROM mujun_adjustments WHERE year = ? ORDER BY enterprise_id, item_code`, year)
	if err != nil {
		return fmt.Errorf("reading bonus and penalty items for %d: %w", year, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a AdjustmentInput
		if err := rows.Scan(&id, &a.Code, &a.Points, &a.Reason); err != nil {
			return fmt.Errorf("reading bonus and penalty items for %d: %w", year, err)
		}
		if i, ok := index[id]; ok {
			firms[i].Adjustments = append(firms[i].Adjustments, a)
		}
	}
	return rows.Err()
}

// markUnapproved puts firms whose data are not approved in class T.
func markUnapproved(ctx context.Context, ap Approvals, year int, firms []Firm) error {
	ids := make([]int64, len(firms))
	for i := range firms {
		ids[i] = firms[i].ID
	}
	un, err := ap.Unapproved(ctx, year, ids)
	if err != nil {
		return fmt.Errorf("checking data approval for %d: %w", year, err)
	}
	for i := range firms {
		if reason, ok := un[firms[i].ID]; ok && firms[i].Ungraded == "" {
			firms[i].Ungraded = reason
		}
	}
	return nil
}
