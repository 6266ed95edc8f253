package project

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"mfgplan/internal/access"
)

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func accessUser(ctx context.Context) string { return access.From(ctx).User }

func joinCN(xs []string) string { return strings.Join(xs, "、") }

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func sortedStrings(xs []string) []string {
	slices.Sort(xs)
	return xs
}

func accessView(ctx context.Context) access.Scope { return access.From(ctx).View }

func sortOverdue(xs []overdueItem) {
	slices.SortStableFunc(xs, func(a, b overdueItem) int { return b.Days - a.Days })
}
