package registry

import (
	"context"
	"fmt"
	"slices"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/dirty"
	"mfgplan/internal/store"
)

// OrgUnit is a city, county or town with the number of enterprises in it
// that the caller may see. Source is "plan" for units synced from the plan
// file and "user" for towns added by users.
type OrgUnit struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Level       string `json:"level"`
	Parent      string `json:"parent_code,omitempty"`
	Source      string `json:"source"`
	Enterprises int    `json:"enterprises"`
}

// OrgUnits lists org units, city first, with visible enterprise counts (a
// city counts every county under it). With parent empty it lists the city,
// its counties and the towns the caller may see; otherwise the units under
// parent. The city and counties are public; a county's towns are visible to
// callers whose view covers the county (city-wide roles, its county
// administrators and leaders), and to others the county's towns do not
// exist, as parents either.
func (s *Service) OrgUnits(ctx context.Context, parent string) ([]OrgUnit, error) {
	view := access.From(ctx).View
	if parent != "" {
		u, ok, err := findOrg(ctx, s.db, parent)
		if err != nil {
			return nil, err
		}
		if !ok || u.Level == "county" && !view.CoversOrg(u.Code) || u.Level == "town" && !view.CoversOrg(u.Parent) {
			return nil, apperr.New(apperr.NotFound, "行政区划 %s 不存在或无权查看", parent)
		}
	}
	counties, err := s.countBy(ctx, "county_code")
	if err != nil {
		return nil, err
	}
	towns, err := s.countBy(ctx, "town_code")
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT code, name, level, COALESCE(parent_code, ''), source FROM org_units
		WHERE (? = '' OR parent_code = ?) ORDER BY CASE level WHEN 'city' THEN 0 WHEN 'county' THEN 1 ELSE 2 END, code`, parent, parent)
	if err != nil {
		return nil, fmt.Errorf("listing org units: %w", err)
	}
	defer rows.Close()
	out := []OrgUnit{}
	for rows.Next() {
		var o OrgUnit
		if err := rows.Scan(&o.Code, &o.Name, &o.Level, &o.Parent, &o.Source); err != nil {
			return nil, fmt.Errorf("listing org units: %w", err)
		}
		switch o.Level {
		case "city":
			o.Enterprises = sum(counties)
		case "county":
			o.Enterprises = counties[o.Code]
		case "town":
			if !view.CoversOrg(o.Parent) {
				continue
			}
			o.Enterprises = towns[o.Code]
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// Park is a park with its county and the number of enterprises in it that
// the caller may see.
type Park struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	County      string `json:"county_code"`
	CountyName  string `json:"county_name"`
	Kind        string `json:"kind"`
	Featured    bool   `json:"featured"`
	Enterprises int    `json:"enterprises"`
}

// Parks lists the parks, of one county when county is not empty.
func (s *Service) Parks(ctx context.Context, county string) ([]Park, error) {
	counts, err := s.countBy(ctx, "park_code")
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT k.code, k.name, k.county_code, o.name, k.kind, k.featured
		FROM parks k JOIN org_units o ON o.code = k.county_code WHERE (? = '' OR k.county_code = ?) ORDER BY k.county_code, k.code`, county, county)
	if err != nil {
		return nil, fmt.Errorf("listing parks: %w", err)
	}
	defer rows.Close()
	out := []Park{}
	for rows.Next() {
		var p Park
		if err := rows.Scan(&p.Code, &p.Name, &p.County, &p.CountyName, &p.Kind, &p.Featured); err != nil {
			return nil, fmt.Errorf("listing parks: %w", err)
		}
		p.Enterprises = counts[p.Code]
		out = append(out, p)
	}
	return out, rows.Err()
}

// countBy counts the visible enterprises per value of a column.
func (s *Service) countBy(ctx context.Context, col string) (map[string]int, error) {
	cond, args := access.From(ctx).View.EnterpriseFilter("e")
	rows, err := s.db.Query(ctx, `SELECT COALESCE(e.`+col+`, ''), COUNT(*) FROM enterprises e WHERE `+cond+` GROUP BY e.`+col, args...)
	if err != nil {
		return nil, fmt.Errorf("counting enterprises by %s: %w", col, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("counting enterprises by %s: %w", col, err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// Rederive re-applies the industry map to every enterprise whose cluster was
// not assigned by hand, and its chain rules to every link not set by hand,
// recording each change; it runs at start-up after the map is loaded, so an
// edited map takes effect on existing records. It returns how many
// enterprises changed.
func (s *Service) Rederive(ctx context.Context, source string) (int, error) {
	var moved []dirty.Mark
	var linked []int64
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		olds, err := s.derivable(ctx, tx)
		if err != nil {
			return err
		}
		for _, old := range olds {
			e := old
			e.Cluster, e.SubSector, _ = s.imap.Lookup(e.Industry)
			changes := s.diff(ctx, old, e, source)
			if len(changes) == 0 {
				continue
			}
			if _, err := tx.Exec(ctx, `UPDATE enterprises SET cluster_code = ?, sub_sector_code = ?, updated_at = ? WHERE id = ?`,
				nullable(e.Cluster), nullable(e.SubSector), s.stamp(), e.ID); err != nil {
				return fmt.Errorf("re-deriving cluster of enterprise %d: %w", e.ID, err)
			}
			if err := record(ctx, tx, changes); err != nil {
				return err
			}
			moved = append(moved, dirty.Enterprise(e.ID)) // its cluster or sub-sector changed
		}
		if err := dirty.Write(ctx, tx, moved...); err != nil {
			return err
		}
		linked, err = DeriveChainNodes(ctx, tx, s.imap, nil, source, access.From(ctx).User, s.stamp())
		return err
	})
	for _, m := range moved {
		linked = append(linked, m.Enterprise)
	}
	slices.Sort(linked)
	return len(slices.Compact(linked)), err
}

func (s *Service) derivable(ctx context.Context, tx *store.Tx) ([]Enterprise, error) {
	rows, err := tx.Query(ctx, `SELECT id, industry_code, COALESCE(cluster_code, ''), COALESCE(sub_sector_code, '')
		FROM enterprises WHERE cluster_override = FALSE`)
	if err != nil {
		return nil, fmt.Errorf("reading enterprises to re-derive: %w", err)
	}
	defer rows.Close()
	var out []Enterprise
	for rows.Next() {
		var e Enterprise
		if err := rows.Scan(&e.ID, &e.Industry, &e.Cluster, &e.SubSector); err != nil {
			return nil, fmt.Errorf("reading enterprises to re-derive: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
