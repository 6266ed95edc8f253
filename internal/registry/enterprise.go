package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/dirty"
	"mfgplan/internal/store"
)

// Enterprise is a registry record with the names of its places and class.
type Enterprise struct {
	ID              int64        `json:"id"`
	USCC            string       `json:"uscc"`
	Name            string       `json:"name"`
	County          string       `json:"county_code"`
	CountyName      string       `json:"county_name"`
	Park            string       `json:"park_code,omitempty"`
	ParkName        string       `json:"park_name,omitempty"`
	Town            string       `json:"town_code,omitempty"`
	TownName        string       `json:"town_name,omitempty"`
	Industry        string       `json:"industry_code"`
	DivisionName    string       `json:"division_name"`
	HighTech        bool         `json:"high_tech"`
	Cluster         string       `json:"cluster_code,omitempty"`
	SubSector       string       `json:"sub_sector_code,omitempty"`
	ClusterOverride bool         `json:"cluster_override"`
	LandMu          *float64     `json:"land_mu"`
	LandUnit        string       `json:"land_unit"`
	EstablishedOn   string       `json:"established_on,omitempty"`
	ContactName     string       `json:"contact_name"`
	ContactPhone    string       `json:"contact_phone"`
	Synthetic       bool         `json:"synthetic"`
	Note            string       `json:"note"`
	CreatedAt       string       `json:"created_at"`
	UpdatedAt       string       `json:"updated_at"`
	Tags            []Tag        `json:"tags,omitempty"`
	Years           []YearStatus `json:"years,omitempty"`
	ChainNodes      []NodeLink   `json:"chain_nodes,omitempty"`
}

// Input carries the fields to set; nil fields are left as they are (on
// create, the required ones must be present). Setting Cluster assigns the
// cluster by hand; ClearOverride returns to the industry map's answer.
type Input struct {
	USCC          *string  `json:"uscc,omitempty"`
	Name          *string  `json:"name,omitempty"`
	County        *string  `json:"county_code,omitempty"`
	Park          *string  `json:"park_code,omitempty"`
	Town          *string  `json:"town_code,omitempty"` // "" takes the enterprise out of its town
	Industry      *string  `json:"industry_code,omitempty"`
	Cluster       *string  `json:"cluster_code,omitempty"`
	SubSector     *string  `json:"sub_sector_code,omitempty"`
	ClearOverride bool     `json:"clear_override,omitempty"`
	LandMu        *float64 `json:"land_mu,omitempty"`
	EstablishedOn *string  `json:"established_on,omitempty"`
	ContactName   *string  `json:"contact_name,omitempty"`
	ContactPhone  *string  `json:"contact_phone,omitempty"`
	Note          *string  `json:"note,omitempty"`
	Synthetic     bool     `json:"-"`
}

const selectEnterprise = `SELECT e.id, e.uscc, e.name, e.county_code, o.name, COALESCE(e.park_code, ''), COALESCE(k.name, ''),
	COALESCE(e.town_code, ''), COALESCE(t.name, ''), e.industry_code, COALESCE(e.cluster_code, ''), COALESCE(e.sub_sector_code, ''), e.cluster_override, e.land_mu,
	COALESCE(e.established_on, ''), e.contact_name, e.contact_phone, e.synthetic, e.note, e.created_at, e.updated_at
	FROM enterprises e JOIN org_units o ON o.code = e.county_code LEFT JOIN parks k ON k.code = e.park_code
	LEFT JOIN org_units t ON t.code = e.town_code`

type scanner interface{ Scan(dest ...any) error }

func (s *Service) scanEnterprise(r scanner) (Enterprise, error) {
	var e Enterprise
	err := r.Scan(&e.ID, &e.USCC, &e.Name, &e.County, &e.CountyName, &e.Park, &e.ParkName, &e.Town, &e.TownName, &e.Industry, &e.Cluster,
		&e.SubSector, &e.ClusterOverride, &e.LandMu, &e.EstablishedOn, &e.ContactName, &e.ContactPhone, &e.Synthetic, &e.Note, &e.CreatedAt, &e.UpdatedAt)
	e.DivisionName = s.classes.DivisionName(e.Industry)
	e.HighTech = s.classes.IsHighTech(e.Industry)
	e.LandUnit = "亩"
	return e, err
}

// Get returns an enterprise with its tags and 规上 years.
func (s *Service) Get(ctx context.Context, id int64) (Enterprise, error) {
	e, err := s.get(ctx, s.db, id)
	if err != nil {
		return e, err
	}
	if e.Tags, err = s.listTags(ctx, id); err != nil {
		return e, err
	}
	if e.Years, err = s.listYears(ctx, id); err != nil {
		return e, err
	}
	e.ChainNodes, err = s.links(ctx, s.db, id)
	return e, err
}

func (s *Service) get(ctx context.Context, q store.Querier, id int64) (Enterprise, error) {
	e, err := s.scanEnterprise(q.QueryRow(ctx, selectEnterprise+` WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, apperr.New(apperr.NotFound, "企业不存在或无权查看")
	}
	if err != nil {
		return e, fmt.Errorf("reading enterprise %d: %w", id, err)
	}
	return e, access.CanView(ctx, access.Place{EnterpriseID: id, County: e.County, Park: e.Park})
}

// Create registers an enterprise; source says where the record came from
// (cli, api, demo, import:N) and is kept in its history.
func (s *Service) Create(ctx context.Context, in Input, source string) (Enterprise, error) {
	var e Enterprise
	required := []struct {
		field string
		v     *string
	}{{"uscc", in.USCC}, {"name", in.Name}, {"county_code", in.County}, {"industry_code", in.Industry}}
	for _, r := range required {
		if r.v == nil || strings.TrimSpace(*r.v) == "" {
			return e, apperr.New(apperr.Invalid, "字段 %s 必填", r.field)
		}
	}
	s.apply(&e, in)
	e.Synthetic = in.Synthetic
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		// The place first: a registration the caller may not make is refused
		// before the USCC is looked up, so that the answer does not tell
		// whether another county has the firm.
		if err := access.CanEnter(ctx, access.Place{County: e.County, Park: e.Park}); err != nil {
			return err
		}
		if err := s.validate(ctx, tx, &e); err != nil {
			return err
		}
		id, err := s.insert(ctx, tx, &e)
		if err != nil {
			return err
		}
		e.ID = id
		if err := record(ctx, tx, s.diff(ctx, Enterprise{ID: id}, e, source)); err != nil {
			return err
		}
		_, err = DeriveChainNodes(ctx, tx, s.imap, []int64{id}, source, access.From(ctx).User, s.stamp())
		return err
	})
	if err != nil {
		return e, err
	}
	return s.Get(ctx, e.ID)
}

func (s *Service) insert(ctx context.Context, tx *store.Tx, e *Enterprise) (int64, error) {
	now := s.stamp()
	e.CreatedAt, e.UpdatedAt = now, now
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO enterprises (uscc, name, county_code, park_code, town_code, industry_code, cluster_code, sub_sector_code,
		cluster_override, land_mu, established_on, contact_name, contact_phone, synthetic, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.USCC, e.Name, e.County, nullable(e.Park), nullable(e.Town), e.Industry, nullable(e.Cluster), nullable(e.SubSector),
		e.ClusterOverride, e.LandMu, nullable(e.EstablishedOn), e.ContactName, e.ContactPhone, e.Synthetic, e.Note, now, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("inserting enterprise %s: %w", e.USCC, err)
	}
	return id, dirty.Write(ctx, tx, dirty.Enterprise(id))
}

// Update changes the given fields of an enterprise and records each change.
func (s *Service) Update(ctx context.Context, id int64, in Input, source string) (Enterprise, error) {
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := canWrite(ctx, tx, id); err != nil {
			return err
		}
		old, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		e := old
		s.apply(&e, in)
		if err := access.CanEnter(ctx, access.Place{EnterpriseID: id, County: e.County, Park: e.Park}); err != nil {
			return err
		}
		if err := s.validate(ctx, tx, &e); err != nil {
			return err
		}
		changes := s.diff(ctx, old, e, source)
		if len(changes) == 0 {
			return nil
		}
		if err := checkFieldRights(ctx, changes); err != nil {
			return err
		}
		if err := s.write(ctx, tx, &e); err != nil {
			return err
		}
		if countedChange(old, e) {
			if err := dirty.Write(ctx, tx, dirty.Enterprise(id)); err != nil {
				return err
			}
		}
		if old.Industry != e.Industry { // the chain rules follow the class
			if _, err := DeriveChainNodes(ctx, tx, s.imap, []int64{id}, source, access.From(ctx).User, s.stamp()); err != nil {
				return err
			}
		}
		return record(ctx, tx, changes)
	})
	if err != nil {
		return Enterprise{}, err
	}
	return s.Get(ctx, id)
}

func (s *Service) write(ctx context.Context, tx *store.Tx, e *Enterprise) error {
	_, err := tx.Exec(ctx, `UPDATE enterprises SET uscc = ?, name = ?, county_code = ?, park_code = ?, town_code = ?, industry_code = ?,
		cluster_code = ?, sub_sector_code = ?, cluster_override = ?, land_mu = ?, established_on = ?, contact_name = ?, contact_phone = ?, note = ?, updated_at = ?
		WHERE id = ?`, e.USCC, e.Name, e.County, nullable(e.Park), nullable(e.Town), e.Industry, nullable(e.Cluster), nullable(e.SubSector),
		e.ClusterOverride, e.LandMu, nullable(e.EstablishedOn), e.ContactName, e.ContactPhone, e.Note, s.stamp(), e.ID)
	if err != nil {
		return fmt.Errorf("updating enterprise %d: %w", e.ID, err)
	}
	return nil
}

// countedChange says whether an update changes where or as what the
// indicators count the enterprise (its place, class or name), so that its
// analytics must be refreshed; a new note or land area changes none. Nor
// does a new town: analytics are kept per city, county, park and cluster
// (analytics_indicator_values.org_code is never a town), so a town change
// alone leaves every stored figure right and needs no dirty mark. When
// figures per town are added, the town belongs in this list.
func countedChange(old, e Enterprise) bool {
	return old.Name != e.Name || old.County != e.County || old.Park != e.Park || old.Industry != e.Industry ||
		old.Cluster != e.Cluster || old.SubSector != e.SubSector
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
