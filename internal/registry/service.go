package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/plan"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Service is the enterprise registry. Every method filters by the caller's
// scope (access.From(ctx)): reads by its View scope, writes by its Enter scope.
type Service struct {
	db      *store.DB
	plan    *plan.Plan
	classes *Classification
	imap    *IndustryMap
	tags    *TagVocabulary
	now     func() time.Time
}

// NewService builds the registry for a plan with its classification,
// industry map (may be nil) and tag vocabulary.
func NewService(db *store.DB, p *plan.Plan, c *Classification, m *IndustryMap, t *TagVocabulary) *Service {
	return &Service{db: db, plan: p, classes: c, imap: m, tags: t, now: time.Now}
}

// Classification returns the industry classification in force.
func (s *Service) Classification() *Classification { return s.classes }

// Tags returns the designation vocabulary.
func (s *Service) Tags() *TagVocabulary { return s.tags }

// IndustryMap returns the plan's code-prefix table.
func (s *Service) IndustryMap() *IndustryMap { return s.imap }

func (s *Service) stamp() string { return s.now().UTC().Format(time.RFC3339) }

// place reads where an enterprise is, for access decisions; an unknown id
// is a not-found error.
func place(ctx context.Context, q store.Querier, id int64) (access.Place, error) {
	pl := access.Place{EnterpriseID: id}
	var park sql.NullString
	err := q.QueryRow(ctx, `SELECT county_code, park_code FROM enterprises WHERE id = ?`, id).Scan(&pl.County, &park)
	if errors.Is(err, sql.ErrNoRows) {
		return pl, apperr.New(apperr.NotFound, "企业不存在或无权查看")
	}
	if err != nil {
		return pl, fmt.Errorf("reading enterprise %d: %w", id, err)
	}
	pl.Park = park.String
	return pl, nil
}

// canWrite checks that the caller may see and write the enterprise.
func canWrite(ctx context.Context, q store.Querier, id int64) error {
	pl, err := place(ctx, q, id)
	if err != nil {
		return err
	}
	if err := access.CanView(ctx, pl); err != nil {
		return err
	}
	return access.CanEnter(ctx, pl)
}

// Change is one recorded change of an enterprise's registry record.
type Change struct {
	EnterpriseID int64   `json:"enterprise_id"`
	Field        string  `json:"field"`
	Old          *string `json:"old_value"`
	New          *string `json:"new_value"`
	Source       string  `json:"source"`
	Actor        string  `json:"actor"`
	ChangedAt    string  `json:"changed_at"`
}

func record(ctx context.Context, tx *store.Tx, changes []Change) error {
	for _, c := range changes {
		if _, err := tx.Exec(ctx, `INSERT INTO registry_history (enterprise_id, field, old_value, new_value, source, actor, changed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.EnterpriseID, c.Field, c.Old, c.New, c.Source, c.Actor, c.ChangedAt); err != nil {
			return fmt.Errorf("recording change of %s of enterprise %d: %w", c.Field, c.EnterpriseID, err)
		}
	}
	return nil
}

// History lists the registry changes of an enterprise, newest first.
func (s *Service) History(ctx context.Context, id int64) ([]Change, error) {
	pl, err := place(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if err := access.CanView(ctx, pl); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT enterprise_id, field, old_value, new_value, source, actor, changed_at
		FROM registry_history WHERE enterprise_id = ? ORDER BY id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("reading registry history of enterprise %d: %w", id, err)
	}
	defer rows.Close()
	out := []Change{}
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.EnterpriseID, &c.Field, &c.Old, &c.New, &c.Source, &c.Actor, &c.ChangedAt); err != nil {
			return nil, fmt.Errorf("reading registry history of enterprise %d: %w", id, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Values returns an enterprise's reported values (see stats.Series) when the
// caller may see the enterprise.
func (s *Service) Values(ctx context.Context, id int64, element, from, to string) ([]stats.Value, error) {
	pl, err := place(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if err := access.CanView(ctx, pl); err != nil {
		return nil, err
	}
	return stats.Series(ctx, s.db, id, element, from, to)
}
