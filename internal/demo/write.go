package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mfgplan/internal/dirty"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// source marks every row the demo writes.
const source = "demo"

// writeFirms inserts the firms with their creation in the registry history,
// their 规上 status per year since they exist, their tags and their
// chain-node links; it returns the
// store ids in firm order. Each firm gets one analytics mark for all its
// periods, which covers its years, tags and values too: a mark per value
// would cost a million rows for what the first read rebuilds in one pass.
func (g *gen) writeFirms(ctx context.Context, tx *store.Tx, now string) ([]int64, error) {
	ins, err := tx.Prepare(ctx, `INSERT INTO enterprises (uscc, name, county_code, park_code, industry_code, cluster_code, sub_sector_code,
		land_mu, established_on, synthetic, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?) RETURNING id`)
	if err != nil {
		return nil, fmt.Errorf("preparing enterprise insert: %w", err)
	}
	defer ins.Close()
	ids := make([]int64, len(g.firms))
	hist := newBatch(tx, "registry_history", "enterprise_id, field, old_value, new_value, source, actor, changed_at")
	years := newBatch(tx, "enterprise_years", "enterprise_id, year, above_scale")
	tags := newBatch(tx, "enterprise_tags", "enterprise_id, tag, level, valid_from, valid_to, source")
	for i, f := range g.firms {
		if err := ins.QueryRowContext(ctx, f.uscc, f.name, f.county, nullable(f.park), f.spec.Code, nullable(f.cluster),
			nullable(f.sub), f.land, f.established, "演示数据：合成企业，非真实企业", now, now).Scan(&ids[i]); err != nil {
			return nil, fmt.Errorf("inserting demo enterprise %s: %w", f.uscc, err)
		}
		if err := hist.add(ctx, ids[i], "created", nil, f.name, source, "system", now); err != nil {
			return nil, err
		}
		established := 0
		fmt.Sscanf(f.established, "%d", &established)
		for y := max(firstYear, established); y <= lastYear; y++ {
			if err := years.add(ctx, ids[i], y, f.active(y)); err != nil {
				return nil, err
			}
		}
		for _, t := range f.tags {
			if err := tags.add(ctx, ids[i], t.tag, t.level, t.from, nullable(t.to), "演示数据"); err != nil {
				return nil, err
			}
		}
	}
	for _, b := range []*batch{hist, years, tags} {
		if err := b.flush(ctx); err != nil {
			return nil, err
		}
	}
	marks := make([]dirty.Mark, len(ids))
	for i, id := range ids {
		marks[i] = dirty.Enterprise(id)
	}
	if err := dirty.Write(ctx, tx, marks...); err != nil {
		return nil, err
	}
	// The chain-node links come from the industry map's rules as for any
	// registered enterprise; the store held no enterprise before (write
	// checks), so "every enterprise" is the demo's firms.
	_, err = registry.DeriveChainNodes(ctx, tx, g.imap, nil, source, "system", now)
	return ids, err
}

// reviewStates is where the demo's newest reports stand in the approval
// workflow (approval.Status): every report up to October of the last year is
// 市级已确认; November is part-way through review — half 县区/园区已审核, a
// quarter 已上报待审核, a quarter not yet submitted —; December and the last
// year's annual report are still open for filing. So the 驾驶舱's two data
// bases (全部数据 / 仅已审核数据) differ in the newest reviewed month, as
// they do in a bureau mid-cycle, and the open periods take new filings.
func reviewState(firm int, period string) string {
	switch {
	case period >= fmt.Sprintf("%d-12", lastYear) || period == fmt.Sprint(lastYear):
		return ""
	case period < fmt.Sprintf("%d-11", lastYear):
		return "accepted"
	}
	switch firm % 4 { // a fixed spread, not the generator's random source, so values stay as seeded
	case 0, 1:
		return "approved"
	case 2:
		return "submitted"
	}
	return ""
}

// writeApprovals records the review state of every report the demo wrote,
// by the dataset the report's period belongs to. The firms' analytics marks
// (writeFirms) cover their approvals too.
func (g *gen) writeApprovals(ctx context.Context, tx *store.Tx, ids []int64, now string) (int, error) {
	b := newBatch(tx, "approvals", "enterprise_id, dataset, period, status, updated_by, updated_at").withConstants("system", now)
	n := 0
	for i, f := range g.firms {
		for y := max(firstYear, f.entry); y <= min(lastYear, f.exit); y++ {
			periods := []string{fmt.Sprint(y)}
			for m := 1; m <= 12; m++ {
				periods = append(periods, fmt.Sprintf("%d-%02d", y, m))
			}
			for _, p := range periods {
				st := reviewState(i, p)
				if st == "" {
					continue
				}
				dataset := "monthly"
				if !strings.Contains(p, "-") {
					dataset = "yearly"
				}
				if err := b.add(ctx, ids[i], dataset, p, st); err != nil {
					return n, err
				}
				n++
			}
		}
	}
	return n, b.flush(ctx)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// batch writes rows with multi-row INSERTs: one statement per batchRows
// rows instead of one per row, which is what makes a million values load
// in seconds on SQLite and PostgreSQL alike.
type batch struct {
	tx      *store.Tx
	table   string
	columns string
	width   int    // bound parameters per row
	tail    string // SQL literals ending each row, for columns equal in every row
	args    []any
	rows    int
	full    string // the statement for a full batch, built once
}

const batchRows = 500

func newBatch(tx *store.Tx, table, columns string) *batch {
	return &batch{tx: tx, table: table, columns: columns, width: strings.Count(columns, ",") + 1}
}

// withConstants makes the last columns the given strings in every row,
// written once into the statement instead of bound per row; the values are
// the generator's own (source, actor, timestamp) and hold no quotes.
func (b *batch) withConstants(vals ...string) *batch {
	for _, v := range vals {
		b.tail += ", '" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	b.width -= len(vals)
	return b
}

func (b *batch) add(ctx context.Context, vals ...any) error {
	if len(vals) != b.width {
		return fmt.Errorf("demo: %d values for the %d columns of %s", len(vals), b.width, b.table)
	}
	b.args = append(b.args, vals...)
	if b.rows++; b.rows == batchRows {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if b.rows == 0 {
		return nil
	}
	q := b.full
	if b.rows != batchRows || q == "" {
		q = b.statement(b.rows)
		if b.rows == batchRows {
			b.full = q
		}
	}
	if _, err := b.tx.Exec(ctx, q, b.args...); err != nil {
		return fmt.Errorf("writing %d rows to %s: %w", b.rows, b.table, err)
	}
	b.args, b.rows = b.args[:0], 0
	return nil
}

func (b *batch) statement(rows int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.width), ", ") + b.tail + ")"
	var s strings.Builder
	s.WriteString("INSERT INTO " + b.table + " (" + b.columns + ") VALUES ")
	for i := 0; i < rows; i++ {
		if i > 0 {
			s.WriteString(", ")
		}
		s.WriteString(row)
	}
	return s.String()
}

// writeValues streams the generated values into data_values.
func (g *gen) writeValues(ctx context.Context, tx *store.Tx, ids []int64, now string, cat *stats.Catalog) (int, []string, error) {
	b := newBatch(tx, "data_values", "enterprise_id, element_code, period, value, source, updated_by, updated_at").
		withConstants(source, "system", now)
	n := 0
	skipped, err := g.series(cat, func(i int, element, period string, v float64) error {
		n++
		return b.add(ctx, ids[i], element, period, v)
	})
	if err != nil {
		return 0, nil, err
	}
	return n, skipped, b.flush(ctx)
}

func stamp() string { return time.Now().UTC().Format(time.RFC3339) }
