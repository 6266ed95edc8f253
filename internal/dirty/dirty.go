// Package dirty records which enterprise data changed since the indicator
// analytics were last refreshed (table analytics_dirty). Every writer of
// data_values, enterprises, enterprise_years, enterprise_tags,
// enterprise_chain_nodes and approvals (whose status decides the approved
// data basis) calls Write
// in the same transaction as its change, so that a committed change is never
// missed and a rolled-back one leaves no mark. The writers do this, not
// database triggers, so that the schema stays free of triggers: Citus does
// not support them on distributed tables by default, and their syntax is
// where PostgreSQL-compatible servers differ most.
//
// The package imports only the store, so that every writer can use it
// (stats, registry, approval, demo; collect writes through stats.SaveValues); the
// analytics package claims the marks (Claim) when it refreshes.
package dirty

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"mfgplan/internal/store"
)

// Mark says that something of an enterprise changed in a period.
type Mark struct {
	Enterprise int64
	// Period is a period id ("2024", "2024-06"), AllPeriods or YearPattern(y).
	Period string
}

// AllPeriods is the period of a mark that touches every period of the
// enterprise: its place, class, name or tags changed, or it was created or deleted.
const AllPeriods = ""

// yearSuffix turns a year into the mark of that year and its months.
const yearSuffix = "-*"

// Value marks a reported value's period. An update that moves a value to
// another enterprise or period marks both the old and the new one.
func Value(enterprise int64, period string) Mark { return Mark{enterprise, period} }

// Enterprise marks every period of an enterprise: it was created or deleted,
// its county, park, cluster, sub-sector, industry code or name changed, or
// its tags or chain-node links changed.
func Enterprise(id int64) Mark { return Mark{id, AllPeriods} }

// Year marks a year and its months: the enterprise's 规上 status that year changed.
func Year(id int64, year int) Mark { return Mark{id, strconv.Itoa(year) + yearSuffix} }

// YearOf returns the year of a mark made by Year.
func YearOf(period string) (year string, ok bool) { return strings.CutSuffix(period, yearSuffix) }

// rowsPerStatement is how many marks one multi-row INSERT carries: 1,000
// parameters, far below SQLite's and PostgreSQL's limits.
const rowsPerStatement = 500

// Write records the marks inside the caller's transaction q. Repeated marks
// are written once; marks already pending are left as they are. The marks
// are sorted (in place), so that concurrent writers lock keys in the same order.
func Write(ctx context.Context, q store.Querier, marks ...Mark) error {
	slices.SortFunc(marks, compare)
	marks = slices.Compact(marks)
	args := make([]any, 0, 2*min(len(marks), rowsPerStatement))
	for start := 0; start < len(marks); start += rowsPerStatement {
		chunk := marks[start:min(start+rowsPerStatement, len(marks))]
		args = args[:0]
		for _, m := range chunk {
			args = append(args, m.Enterprise, m.Period)
		}
		if _, err := q.Exec(ctx, insertSQL(len(chunk)), args...); err != nil {
			return fmt.Errorf("marking %d changes for the analytics refresh: %w", len(chunk), err)
		}
	}
	return nil
}

func compare(a, b Mark) int {
	return cmp.Or(cmp.Compare(a.Enterprise, b.Enterprise), strings.Compare(a.Period, b.Period))
}

func insertSQL(rows int) string {
	return `INSERT INTO analytics_dirty (enterprise_id, period) VALUES ` +
		strings.TrimSuffix(strings.Repeat("(?, ?), ", rows), ", ") + ` ON CONFLICT DO NOTHING`
}

// Claim removes and returns the pending marks, sorted. A refresh claims them
// inside its transaction, so that one that fails leaves them pending.
func Claim(ctx context.Context, q store.Querier) ([]Mark, error) {
	rows, err := q.Query(ctx, `DELETE FROM analytics_dirty RETURNING enterprise_id, period`)
	if err != nil {
		return nil, fmt.Errorf("claiming analytics changes: %w", err)
	}
	defer rows.Close()
	var out []Mark
	for rows.Next() {
		var m Mark
		if err := rows.Scan(&m.Enterprise, &m.Period); err != nil {
			return nil, fmt.Errorf("claiming analytics changes: %w", err)
		}
		out = append(out, m)
	}
	slices.SortFunc(out, compare)
	return out, rows.Err()
}
