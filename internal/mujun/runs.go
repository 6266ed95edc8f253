package mujun

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// Service runs evaluations and serves their results. Every method filters
// by the caller's scope (access.From(ctx)).
type Service struct {
	DB        *store.DB
	Approvals Approvals
	Rules     *PricingRules
	Log       *slog.Logger
	Now       func() time.Time
}

// NewService returns a service with the built-in surcharge rules, treating
// all data as approved until an Approvals is set.
func NewService(db *store.DB, log *slog.Logger) (*Service, error) {
	rules, err := DefaultPricing()
	if err != nil {
		return nil, err
	}
	return &Service{DB: db, Approvals: AllApproved{}, Rules: rules, Log: log, Now: time.Now}, nil
}

// Run is a stored run, without its snapshot.
type Run struct {
	ID            int64  `json:"id"`
	Year          int    `json:"year"`
	MethodID      string `json:"method_id"`
	MethodVersion int    `json:"method_version"`
	MethodHash    string `json:"method_hash"`
	Version       int    `json:"version"`
	ContentHash   string `json:"content_hash"`
	EntryCount    int    `json:"entry_count"`
	Status        string `json:"status"`
	Trigger       string `json:"trigger"`
	CreatedBy     string `json:"created_by"`
	CreatedAt     string `json:"created_at"`
	PublishedBy   string `json:"published_by,omitempty"`
	PublishedAt   string `json:"published_at,omitempty"`
}

// RunOutcome is a run and whether it was created by this call (false when
// an identical snapshot already existed and was returned instead).
type RunOutcome struct {
	Run     Run  `json:"run"`
	Created bool `json:"created"`
}

// requireCityAdmin allows whole-city operations (runs, publishing) to city
// and system administrators with a city-wide view: a run over part of the
// city would rank and class firms against the wrong population.
func requireCityAdmin(ctx context.Context) error {
	p := access.From(ctx)
	if !p.View.All || (p.Role != access.RoleAdmin && p.Role != access.RoleCity) {
		return apperr.New(apperr.Forbidden, "只有市级管理员可以执行或发布亩均评价")
	}
	return nil
}

// Run evaluates every eligible firm for a year with a method and stores the
// snapshot, unless an identical one exists for the year and method, which is
// returned instead. trigger says why (manual, appeal:N).
func (s *Service) Run(ctx context.Context, year int, lm *LoadedMethod, trigger string) (RunOutcome, error) {
	if err := requireCityAdmin(ctx); err != nil {
		return RunOutcome{}, err
	}
	if year < 2000 || year > 2100 {
		return RunOutcome{}, apperr.New(apperr.Invalid, "评价年度 %d 无效", year)
	}
	var out RunOutcome
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var err error
		out, err = s.runTx(ctx, tx, year, lm, trigger)
		return err
	})
	return out, err
}

// runTx scores and stores a run inside tx, so that a caller that has just
// corrected figures in the same transaction (an accepted appeal) commits the
// correction and its new version together or not at all.
func (s *Service) runTx(ctx context.Context, tx *store.Tx, year int, lm *LoadedMethod, trigger string) (RunOutcome, error) {
	pop, err := s.population(ctx, tx, year)
	if err != nil {
		return RunOutcome{}, err
	}
	res, err := Score(lm.Method, pop)
	if err != nil {
		return RunOutcome{}, err
	}
	if len(res.Entries) == 0 {
		return RunOutcome{}, apperr.New(apperr.Invalid, "%d 年没有属于“%s”评价范围的企业（规上/规下、园区、用地条件），未生成快照", year, lm.Method.Name)
	}
	raw, hash, err := encodeSnapshot(newSnapshot(lm, res))
	if err != nil {
		return RunOutcome{}, err
	}
	out, err := s.storeRun(ctx, tx, lm, res, raw, hash, trigger)
	if err == nil && out.Created {
		s.Log.Info("mujun run stored", "year", year, "method", lm.Method.ID, "version", out.Run.Version, "entries", out.Run.EntryCount, "trigger", trigger)
	}
	return out, err
}

// population loads the year and the prior year, marking unapproved data.
func (s *Service) population(ctx context.Context, q store.Querier, year int) (Population, error) {
	firms, err := loadFirms(ctx, q, year)
	if err != nil {
		return Population{}, err
	}
	if err := markUnapproved(ctx, s.Approvals, year, firms); err != nil {
		return Population{}, err
	}
	prior, err := loadFirms(ctx, q, year-1)
	if err != nil {
		return Population{}, err
	}
	if err := markUnapproved(ctx, s.Approvals, year-1, prior); err != nil {
		return Population{}, err
	}
	return Population{Year: year, Firms: firms, Prior: prior}, nil
}

func (s *Service) storeRun(ctx context.Context, tx *store.Tx, lm *LoadedMethod, res *Result, raw []byte, hash, trigger string) (RunOutcome, error) {
	m := lm.Method
	existing, err := scanRun(tx.QueryRow(ctx, runSelect+` WHERE year = ? AND method_id = ? AND content_hash = ?`, res.Year, m.ID, hash))
	if err == nil {
		return RunOutcome{Run: existing}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return RunOutcome{}, fmt.Errorf("looking up run %d %s: %w", res.Year, m.ID, err)
	}
	now := s.Now().UTC().Format(time.RFC3339)
	if _, err := tx.Exec(ctx, `INSERT INTO mujun_methods (hash, method_id, version, name, content, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING`, lm.Hash, m.ID, m.Version, m.Name, string(lm.Raw), now); err != nil {
		return RunOutcome{}, fmt.Errorf("recording method %s: %w", m.ID, err)
	}
	run := Run{Year: res.Year, MethodID: m.ID, MethodVersion: m.Version, MethodHash: lm.Hash, ContentHash: hash,
		EntryCount: len(res.Entries), Status: "draft", Trigger: trigger, CreatedBy: access.From(ctx).User, CreatedAt: now}
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM mujun_runs WHERE year = ? AND method_id = ?`, res.Year, m.ID).Scan(&run.Version); err != nil {
		return RunOutcome{}, fmt.Errorf("numbering run %d %s: %w", res.Year, m.ID, err)
	}
	err = tx.QueryRow(ctx, `INSERT INTO mujun_runs (year, method_id, method_version, method_hash, version, content_hash, snapshot, entry_count, status, run_trigger, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		run.Year, run.MethodID, run.MethodVersion, run.MethodHash, run.Version, run.ContentHash, string(raw), run.EntryCount, run.Status, run.Trigger, run.CreatedBy, run.CreatedAt).Scan(&run.ID)
	if err != nil {
		return RunOutcome{}, fmt.Errorf("storing run %d %s v%d: %w", run.Year, run.MethodID, run.Version, err)
	}
	if err := insertEntries(ctx, tx, run.ID, res.Entries); err != nil {
		return RunOutcome{}, err
	}
	return RunOutcome{Run: run, Created: true}, auditRun(ctx, tx, "mujun.run", run)
}

func insertEntries(ctx context.Context, tx *store.Tx, runID int64, entries []Entry) error {
	stmt, err := tx.Prepare(ctx, `INSERT INTO mujun_entries (run_id, enterprise_id, county_code, park_code, cluster_code, total, rank_county, rank_city, class, reason, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("preparing entries of run %d: %w", runID, err)
	}
	defer stmt.Close()
	for i := range entries {
		e := &entries[i]
		if _, err := stmt.ExecContext(ctx, runID, e.EnterpriseID, e.County, e.Park, e.Cluster, e.Total, e.RankCounty, e.RankCity, e.Class, e.Reason, entryJSON(e)); err != nil {
			return fmt.Errorf("storing entry of enterprise %d in run %d: %w", e.EnterpriseID, runID, err)
		}
	}
	return nil
}

const runSelect = `SELECT id, year, method_id, method_version, method_hash, version, content_hash, entry_count, status, run_trigger,
	created_by, created_at, published_by, published_at FROM mujun_runs`

type rowScanner interface{ Scan(dest ...any) error }

func scanRun(r rowScanner) (Run, error) {
	var run Run
	err := r.Scan(&run.ID, &run.Year, &run.MethodID, &run.MethodVersion, &run.MethodHash, &run.Version, &run.ContentHash,
		&run.EntryCount, &run.Status, &run.Trigger, &run.CreatedBy, &run.CreatedAt, &run.PublishedBy, &run.PublishedAt)
	return run, err
}

// auditRun records a run being stored or published in the audit log.
func auditRun(ctx context.Context, tx *store.Tx, action string, run Run) error {
	return audit.Record(ctx, tx, audit.Event{Action: action, Object: "mujun_run:" + strconv.FormatInt(run.ID, 10),
		Detail: map[string]any{"year": run.Year, "method": run.MethodID, "version": run.Version, "content_hash": run.ContentHash, "trigger": run.Trigger}})
}
