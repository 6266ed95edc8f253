package registry

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
)

// Filter narrows an enterprise listing or count. Empty fields do not filter.
type Filter struct {
	County    string `json:"county,omitempty"`
	Park      string `json:"park,omitempty"`
	Town      string `json:"town,omitempty"`
	Cluster   string `json:"cluster,omitempty"`
	SubSector string `json:"sub_sector,omitempty"`
	// Tag (with TagMinLevel) keeps enterprises holding it on TagAsOf
	// (YYYY-MM-DD; today when empty).
	Tag         string `json:"tag,omitempty"`
	TagMinLevel string `json:"tag_min_level,omitempty"`
	TagAsOf     string `json:"tag_as_of,omitempty"`
	// AboveScaleYear keeps enterprises that were 规上 in that year.
	AboveScaleYear int `json:"above_scale_year,omitempty"`
	// Query matches a part of the name or of the USCC.
	Query  string `json:"q,omitempty"`
	Limit  int    `json:"limit,omitempty"`
	Offset int    `json:"offset,omitempty"`
}

// Page is one page of a listing with the total across pages.
type Page struct {
	Items  []Enterprise `json:"items"`
	Total  int          `json:"total"`
	Limit  int          `json:"limit"`
	Offset int          `json:"offset"`
}

// MaxLimit caps a page so that one request cannot read the whole registry.
const MaxLimit = 500

// List returns the enterprises the caller may see that match f, by id.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	where, args, err := s.where(ctx, f)
	if err != nil {
		return Page{}, err
	}
	page := Page{Items: []Enterprise{}, Limit: f.Limit, Offset: max(f.Offset, 0)}
	if page.Limit <= 0 || page.Limit > MaxLimit {
		page.Limit = min(max(page.Limit, 50), MaxLimit)
	}
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises e WHERE `+where, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("counting enterprises: %w", err)
	}
	rows, err := s.db.Query(ctx, selectEnterprise+` WHERE `+where+` ORDER BY e.id LIMIT ? OFFSET ?`,
		append(args, page.Limit, page.Offset)...)
	if err != nil {
		return page, fmt.Errorf("listing enterprises: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := s.scanEnterprise(rows)
		if err != nil {
			return page, fmt.Errorf("listing enterprises: %w", err)
		}
		page.Items = append(page.Items, e)
	}
	return page, rows.Err()
}

// CountTagged counts the enterprises in the caller's view that hold tag at
// minLevel or above on asOf and match f (its own tag fields are ignored).
func (s *Service) CountTagged(ctx context.Context, tag, minLevel, asOf string, f Filter) (int, error) {
	f.Tag, f.TagMinLevel, f.TagAsOf = tag, minLevel, asOf
	if f.TagAsOf == "" {
		return 0, apperr.New(apperr.Invalid, "统计称号数量需要截止日期")
	}
	where, args, err := s.where(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises e WHERE `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting enterprises tagged %s: %w", tag, err)
	}
	return n, nil
}

// where builds the condition on enterprises e for f within the caller's
// view scope.
func (s *Service) where(ctx context.Context, f Filter) (string, []any, error) {
	cond, args := access.From(ctx).View.EnterpriseFilter("e")
	parts := []string{cond}
	eq := func(col, v string) {
		if v != "" {
			parts = append(parts, "e."+col+" = ?")
			args = append(args, v)
		}
	}
	eq("county_code", f.County)
	eq("park_code", f.Park)
	eq("town_code", f.Town)
	eq("cluster_code", f.Cluster)
	eq("sub_sector_code", f.SubSector)
	if q := strings.TrimSpace(f.Query); q != "" {
		parts = append(parts, "(e.name LIKE ? OR e.uscc LIKE ?)")
		args = append(args, "%"+q+"%", "%"+strings.ToUpper(q)+"%")
	}
	if f.AboveScaleYear != 0 {
		parts = append(parts, "EXISTS (SELECT 1 FROM enterprise_years y WHERE y.enterprise_id = e.id AND y.year = ? AND y.above_scale = TRUE)")
		args = append(args, f.AboveScaleYear)
	}
	if f.Tag != "" {
		cond, targs, err := s.tagCondition(f)
		if err != nil {
			return "", nil, err
		}
		parts = append(parts, cond)
		args = append(args, targs...)
	}
	return strings.Join(parts, " AND "), args, nil
}

func (s *Service) tagCondition(f Filter) (string, []any, error) {
	levels, err := s.tags.levelsFrom(f.Tag, f.TagMinLevel)
	if err != nil {
		return "", nil, err
	}
	asOf := f.TagAsOf
	if asOf == "" {
		asOf = s.now().Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, asOf); err != nil {
		return "", nil, apperr.New(apperr.Invalid, "截止日期 %q 应为 YYYY-MM-DD", asOf)
	}
	cond := "EXISTS (SELECT 1 FROM enterprise_tags t WHERE t.enterprise_id = e.id AND t.tag = ? AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to >= ?)"
	args := []any{f.Tag, asOf, asOf}
	if len(levels) > 0 {
		cond += " AND t.level IN (" + placeholders(len(levels)) + ")"
		for _, l := range levels {
			args = append(args, l)
		}
	}
	return cond + ")", args, nil
}
