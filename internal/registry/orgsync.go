package registry

import (
	"context"
	"fmt"

	"mfgplan/internal/plan"
	"mfgplan/internal/store"
)

// SyncPlan makes org_units and parks match the plan: its city, the counties
// under it, the towns the plan names and its parks are inserted or renamed.
// Units and parks the plan no longer names are removed only when nothing
// refers to them, so no enterprise, park or published figure ever loses its
// place; towns users added (source 'user') are never removed by a sync.
func SyncPlan(ctx context.Context, db *store.DB, p *plan.Plan) error {
	return db.InTx(ctx, func(tx *store.Tx) error {
		if err := upsertOrg(ctx, tx, p.Region.Code, p.Region.Name, "city", nil); err != nil {
			return err
		}
		keep := map[string]bool{p.Region.Code: true}
		for _, c := range p.Counties {
			if err := upsertOrg(ctx, tx, c.Code, c.Name, "county", &p.Region.Code); err != nil {
				return err
			}
			keep[c.Code] = true
			for _, t := range c.Towns {
				if err := upsertOrg(ctx, tx, t.Code, t.Name, "town", &c.Code); err != nil {
					return err
				}
			}
		}
		for _, pk := range p.Parks {
			if _, err := tx.Exec(ctx, `INSERT INTO parks (code, name, county_code, kind, featured) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET name = excluded.name, county_code = excluded.county_code, kind = excluded.kind, featured = excluded.featured`,
				pk.Code, pk.Name, pk.County, pk.Kind, pk.Featured); err != nil {
				return fmt.Errorf("syncing park %s: %w", pk.Code, err)
			}
		}
		return pruneUnreferenced(ctx, tx, p)
	})
}

func upsertOrg(ctx context.Context, tx *store.Tx, code, name, level string, parent *string) error {
	if _, err := tx.Exec(ctx, `INSERT INTO org_units (code, name, level, parent_code) VALUES (?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code, source = 'plan'`,
		code, name, level, parent); err != nil {
		return fmt.Errorf("syncing org unit %s %s: %w", code, name, err)
	}
	return nil
}

// pruneUnreferenced deletes the city's counties and the parks that the plan
// dropped and that nothing refers to.
func pruneUnreferenced(ctx context.Context, tx *store.Tx, p *plan.Plan) error {
	parks := make([]any, 0, len(p.Parks))
	for _, pk := range p.Parks {
		parks = append(parks, pk.Code)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM parks WHERE code NOT IN (`+placeholders(len(parks))+`)
		AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.park_code = parks.code)`, parks...); err != nil {
		return fmt.Errorf("removing parks the plan no longer names: %w", err)
	}
	if err := pruneTowns(ctx, tx, p); err != nil {
		return err
	}
	counties := []any{p.Region.Code}
	for _, c := range p.Counties {
		counties = append(counties, c.Code)
	}
	args := append([]any{p.Region.Code}, counties...)
	if _, err := tx.Exec(ctx, `DELETE FROM org_units WHERE parent_code = ? AND code NOT IN (`+placeholders(len(counties))+`)
		AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.county_code = org_units.code)
		AND NOT EXISTS (SELECT 1 FROM parks k WHERE k.county_code = org_units.code)
		AND `+unreferencedOrg, args...); err != nil {
		return fmt.Errorf("removing counties the plan no longer names: %w", err)
	}
	return nil
}

// unreferencedOrg is the condition on org_units that no published figure,
// no enterprise's town and no lower unit refers to the unit.
const unreferencedOrg = `NOT EXISTS (SELECT 1 FROM region_values r WHERE r.org_code = org_units.code)
		AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.town_code = org_units.code)
		AND NOT EXISTS (SELECT 1 FROM org_units c WHERE c.parent_code = org_units.code)`

// pruneTowns deletes the towns that came from the plan, that it no longer
// names and that nothing refers to.
func pruneTowns(ctx context.Context, tx *store.Tx, p *plan.Plan) error {
	var towns []any
	for _, c := range p.Counties {
		for _, t := range c.Towns {
			towns = append(towns, t.Code)
		}
	}
	dropped := "TRUE" // a plan that names no town keeps none of its own
	if len(towns) > 0 {
		dropped = "code NOT IN (" + placeholders(len(towns)) + ")"
	}
	if _, err := tx.Exec(ctx, `DELETE FROM org_units WHERE level = 'town' AND source = 'plan' AND `+dropped+`
		AND `+unreferencedOrg, towns...); err != nil {
		return fmt.Errorf("removing towns the plan no longer names: %w", err)
	}
	return nil
}

// placeholders returns "?, ?, …" for n parameters; for none it returns NULL,
// so that "NOT IN (NULL)" matches nothing and deletes nothing.
func placeholders(n int) string {
	if n == 0 {
		return "NULL"
	}
	s := "?"
	for i := 1; i < n; i++ {
		s += ", ?"
	}
	return s
}
