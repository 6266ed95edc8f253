package mujun

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
)

// GetRun returns a run's header. Run headers carry no enterprise data, so
// every signed-in role may read them.
func (s *Service) GetRun(ctx context.Context, id int64) (Run, error) {
	run, err := scanRun(s.DB.QueryRow(ctx, runSelect+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, apperr.New(apperr.NotFound, "评价批次 %d 不存在", id)
	}
	if err != nil {
		return Run{}, fmt.Errorf("reading run %d: %w", id, err)
	}
	return run, nil
}

// RunByVersion finds a run by year, method and version ("v2" or "2").
func (s *Service) RunByVersion(ctx context.Context, year int, methodID, version string) (Run, error) {
	v, err := strconv.Atoi(strings.TrimPrefix(strings.ToLower(version), "v"))
	if err != nil {
		return Run{}, apperr.New(apperr.Invalid, "版本号 %q 无效，应为 v1、v2 …", version)
	}
	run, err := scanRun(s.DB.QueryRow(ctx, runSelect+` WHERE year = ? AND method_id = ? AND version = ?`, year, methodID, v))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, apperr.New(apperr.NotFound, "%d 年 %s 评价没有第 %d 版", year, methodID, v)
	}
	if err != nil {
		return Run{}, fmt.Errorf("reading run %d %s v%d: %w", year, methodID, v, err)
	}
	return run, nil
}

// ListRuns lists runs, newest first, optionally for one year and method.
func (s *Service) ListRuns(ctx context.Context, year int, methodID string) ([]Run, error) {
	q, args := runSelect+` WHERE 1=1`, []any{}
	if year != 0 {
		q, args = q+` AND year = ?`, append(args, year)
	}
	if methodID != "" {
		q, args = q+` AND method_id = ?`, append(args, methodID)
	}
	rows, err := s.DB.Query(ctx, q+` ORDER BY year DESC, method_id, version DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("listing runs: %w", err)
	}
	defer rows.Close()
	out := []Run{}
	for rows.Next() {
		run, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("listing runs: %w", err)
		}
		out = append(out, run)
	}
	return out, rows.Err()
}

// Snapshot returns a run's canonical snapshot bytes. It holds every firm's
// figures in the city in one file, so, like running and publishing, it is
// for the city bureau's administrators.
func (s *Service) Snapshot(ctx context.Context, id int64) ([]byte, error) {
	if err := requireCityAdmin(ctx); err != nil {
		return nil, err
	}
	var raw string
	err := s.DB.QueryRow(ctx, `SELECT snapshot FROM mujun_runs WHERE id = ?`, id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "评价批次 %d 不存在", id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading snapshot of run %d: %w", id, err)
	}
	return []byte(raw), nil
}

// Publish makes a draft run the official result of its year and method. A
// run is immutable from creation; publishing locks which version counts,
// and an earlier published version of the same year and method is marked
// superseded.
func (s *Service) Publish(ctx context.Context, id int64) (Run, error) {
	if err := requireCityAdmin(ctx); err != nil {
		return Run{}, err
	}
	run, err := s.GetRun(ctx, id)
	if err != nil {
		return Run{}, err
	}
	if run.Status != "draft" {
		return Run{}, apperr.New(apperr.Conflict, "评价批次 %d 状态为 %s，只有草稿可以发布", id, run.Status)
	}
	run.Status, run.PublishedBy, run.PublishedAt = "published", access.From(ctx).User, s.Now().UTC().Format(time.RFC3339)
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE mujun_runs SET status = 'superseded' WHERE year = ? AND method_id = ? AND status = 'published'`, run.Year, run.MethodID); err != nil {
			return fmt.Errorf("superseding earlier runs of %d %s: %w", run.Year, run.MethodID, err)
		}
		res, err := tx.Exec(ctx, `UPDATE mujun_runs SET status = ?, published_by = ?, published_at = ? WHERE id = ? AND status = 'draft'`,
			run.Status, run.PublishedBy, run.PublishedAt, id)
		if err != nil {
			return fmt.Errorf("publishing run %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.New(apperr.Conflict, "评价批次 %d 已被他人发布", id)
		}
		return auditRun(ctx, tx, "mujun.publish", run)
	})
	return run, err
}

// PublishedRun returns the published run of a year and method.
func (s *Service) PublishedRun(ctx context.Context, year int, methodID string) (Run, error) {
	run, err := scanRun(s.DB.QueryRow(ctx, runSelect+` WHERE year = ? AND method_id = ? AND status = 'published'`, year, methodID))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, apperr.New(apperr.NotFound, "%d 年 %s 评价尚未发布", year, methodID)
	}
	if err != nil {
		return Run{}, fmt.Errorf("reading published run %d %s: %w", year, methodID, err)
	}
	return run, nil
}

// EntryFilter narrows a run's entries: by county, park, cluster or class,
// one page at a time (Limit 0 means all).
type EntryFilter struct {
	County, Park, Cluster, Class string
	Limit, Offset                int
}

// where returns the SQL condition on mujun_entries x and its arguments.
func (f EntryFilter) where() (string, []any) {
	cond, args := "1=1", []any{}
	for _, c := range []struct{ col, v string }{{"x.county_code", f.County}, {"x.park_code", f.Park}, {"x.cluster_code", f.Cluster}, {"x.class", f.Class}} {
		if c.v != "" {
			cond, args = cond+" AND "+c.col+" = ?", append(args, c.v)
		}
	}
	return cond, args
}

// scopedEntries reads the entries of a run that the caller may see and the
// filter selects, in city rank order (class T last), and how many there are.
func scopedEntries(ctx context.Context, q store.Querier, runID int64, f EntryFilter) ([]Entry, int, error) {
	scope, sargs := access.From(ctx).View.EnterpriseFilter("e")
	cond, cargs := f.where()
	from := ` FROM mujun_entries x JOIN enterprises e ON e.id = x.enterprise_id WHERE x.run_id = ? AND ` + scope + ` AND ` + cond
	args := append(append([]any{runID}, sargs...), cargs...)
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting entries of run %d: %w", runID, err)
	}
	page := ""
	if f.Limit > 0 {
		page = fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	rows, err := q.Query(ctx, `SELECT x.data`+from+` ORDER BY CASE WHEN x.rank_city = 0 THEN 1 ELSE 0 END, x.rank_city, x.enterprise_id`+page, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("reading entries of run %d: %w", runID, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, 0, fmt.Errorf("reading entries of run %d: %w", runID, err)
		}
		var e Entry
		if err := json.Unmarshal([]byte(data), &e); err != nil {
			return nil, 0, fmt.Errorf("decoding entry in run %d: %w", runID, err)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}
