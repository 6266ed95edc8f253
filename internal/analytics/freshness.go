package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"mfgplan/internal/store"
)

// Freshness says, in every indicator response, as of when its figures are
// and whether changes are waiting to be counted: reads never refresh, they
// serve the latest complete figures (the writers' refresh or the worker
// brings them up to date).
type Freshness struct {
	// AsOf is when the analytics were last brought up to date, in
	// Asia/Shanghai ("2026-12-02 17:13:05"); empty before the first build.
	AsOf string `json:"as_of"`
	// Pending is true while committed changes are not yet counted.
	Pending bool `json:"refresh_pending"`
}

// shanghai is the bureau's time zone, the one every time on screen is in.
var shanghai = time.FixedZone("CST", 8*3600)

// Freshness reads, without writing, as of when the analytics are and
// whether changes are waiting.
func (s *Service) Freshness(ctx context.Context) (Freshness, error) {
	var f Freshness
	var at string
	err := s.db.QueryRow(ctx, `SELECT built_at FROM analytics_definitions WHERE id = 1`).Scan(&at)
	switch {
	case err == nil:
		if t, perr := time.Parse(time.RFC3339Nano, at); perr == nil {
			f.AsOf = t.In(shanghai).Format("2006-01-02 15:04:05")
		}
	case !errors.Is(err, sql.ErrNoRows):
		return f, fmt.Errorf("reading when the analytics were built: %w", err)
	}
	pending, err := s.Pending(ctx)
	f.Pending = pending
	return f, err
}

// Pending reports whether committed changes wait for a refresh, or the
// stored analytics were computed with other definitions.
func (s *Service) Pending(ctx context.Context) (bool, error) {
	var pending bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM analytics_dirty)`).Scan(&pending); err != nil {
		return false, fmt.Errorf("checking for analytics changes: %w", err)
	}
	if pending {
		return true, nil
	}
	return s.staleDefinitions(ctx)
}

// markBuilt records in tx when the analytics were brought up to date.
func (s *Service) markBuilt(ctx context.Context, tx *store.Tx, at time.Time) error {
	if _, err := tx.Exec(ctx, `INSERT INTO analytics_definitions (id, sha256, built_at) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET sha256 = excluded.sha256, built_at = excluded.built_at`, s.eng.DefsSHA, at.UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("recording the analytics' definitions: %w", err)
	}
	return nil
}

// Run refreshes in the background until ctx ends: at once (marks left by a
// start-up, the demo or an earlier process), whenever Kick is called, and
// every interval (changes other processes made, such as CLI imports). A
// failed refresh is logged and retried at the next tick; it loses nothing,
// as the marks stay until a refresh commits.
func (s *Service) Run(ctx context.Context, interval time.Duration, log *slog.Logger) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if pending, err := s.Pending(ctx); err != nil || pending {
			if st, err := s.Refresh(ctx); err != nil {
				if ctx.Err() != nil {
					return
				}
				log.Error("background analytics refresh", "err", err)
			} else if st.Changes > 0 || st.Rows > 0 {
				log.Info("analytics refreshed", "changes", st.Changes, "rows", st.Rows, "duration", st.Duration)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-s.kick:
		}
	}
}

// Kick asks a running worker to refresh now; it never blocks.
func (s *Service) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}
