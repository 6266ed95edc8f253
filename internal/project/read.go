package project

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
)

// Get returns a project the caller may see.
func (s *Service) Get(ctx context.Context, id int64) (*Project, error) {
	return s.visible(ctx, s.db, id)
}

// visible reads a project and checks the caller's view scope.
func (s *Service) visible(ctx context.Context, q store.Querier, id int64) (*Project, error) {
	p, err := s.load(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if !access.From(ctx).View.Covers(p.place()) {
		return nil, errNotFound(id)
	}
	return p, nil
}

// writable reads a project the caller may see and change.
func (s *Service) writable(ctx context.Context, q store.Querier, id int64) (*Project, error) {
	p, err := s.visible(ctx, q, id)
	if err != nil {
		return nil, err
	}
	return p, canWrite(ctx, p.place())
}

// load reads a project with its chain nodes, without access checks.
func (s *Service) load(ctx context.Context, q store.Querier, id int64) (*Project, error) {
	p, err := scanProject(q.QueryRow(ctx, `SELECT `+projectColumns+` FROM projects p WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading project %d: %w", id, err)
	}
	if p.Nodes, err = readNodes(ctx, q, id); err != nil {
		return nil, err
	}
	s.name(&p)
	return &p, nil
}

func readNodes(ctx context.Context, q store.Querier, id int64) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT node_code FROM project_nodes WHERE project_id = ? ORDER BY node_code`, id)
	if err != nil {
		return nil, fmt.Errorf("reading chain nodes of project %d: %w", id, err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("reading chain nodes of project %d: %w", id, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
