package project

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/collect"
	"mfgplan/internal/plan"
	"mfgplan/internal/registry"
	"mfgplan/internal/store"
)

// Enterprises is what the project library asks the enterprise registry:
// an owner enterprise by id (scoped to the caller), a listing and the
// plan's industry map (the demo picks owners and industry codes from
// them). Enterprise facts come only through this API.
type Enterprises interface {
	Get(ctx context.Context, id int64) (registry.Enterprise, error)
	List(ctx context.Context, f registry.Filter) (registry.Page, error)
	IndustryMap() *registry.IndustryMap
}

// Config is what a Service needs.
type Config struct {
	DB          *store.DB
	Plan        *plan.Plan
	Rules       *Rules
	Enterprises Enterprises
	// Collect runs 项目台账 imports with the statistics import machinery.
	Collect *collect.Service
	// PlanProjects is the plan's projects file: its named projects, the
	// duty per stage, the signed-over count (nil: none of these).
	PlanProjects *PlanProjects
	// Official gives the statistics figure of 制造业投资额 for the
	// two-source comparison; nil leaves the official column empty.
	Official OfficialFigures
	Log      *slog.Logger
	Now      func() time.Time
}

// Service is the project library.
type Service struct {
	db      *store.DB
	plan    *plan.Plan
	rules   *Rules
	vocab   *Vocabulary
	ents    Enterprises
	collect *collect.Service
	// official may be nil.
	official OfficialFigures
	pp       *PlanProjects // nil for a plan without a projects file
	log      *slog.Logger
	now      func() time.Time
	places   places
}

// NewService builds the library for a plan.
func NewService(c Config) (*Service, error) {
	if c.DB == nil || c.Plan == nil || c.Rules == nil || c.Enterprises == nil {
		return nil, fmt.Errorf("project.NewService: DB, Plan, Rules and Enterprises are required")
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{db: c.DB, plan: c.Plan, rules: c.Rules, vocab: c.Rules.Vocabulary, ents: c.Enterprises, collect: c.Collect,
		official: c.Official, pp: c.PlanProjects, log: c.Log, now: c.Now, places: planPlaces(c.Plan)}, nil
}

// Vocabulary returns the words of the library (stages, kinds, tiers …).
func (s *Service) Vocabulary() *Vocabulary { return s.vocab }

// Checklist returns the 前期手续 checklist in force.
func (s *Service) Checklist() *Checklist { return s.rules.Checklist }

// LightRules returns the rule sets a city may choose from.
func (s *Service) LightRules() *LightRules { return s.rules.Lights }

func (s *Service) today() time.Time {
	t := s.now()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (s *Service) stamp() string { return s.now().UTC().Format(time.RFC3339) }

// places are the plan's counties, parks, clusters, sub-sectors and chain
// nodes by code, for checking input and naming codes.
type places struct {
	counties   map[string]string
	parks      map[string]plan.Park
	clusters   map[string]string
	subSectors map[string][2]string // code → cluster code, name
	nodes      map[string]string
	chains     map[string][]string // chain → node codes
}

func planPlaces(p *plan.Plan) places {
	pl := places{counties: map[string]string{}, parks: map[string]plan.Park{}, clusters: map[string]string{},
		subSectors: map[string][2]string{}, nodes: map[string]string{}, chains: map[string][]string{}}
	for _, c := range p.Counties {
		pl.counties[c.Code] = c.Name
	}
	for _, k := range p.Parks {
		pl.parks[k.Code] = k
	}
	for _, c := range p.Clusters {
		pl.clusters[c.Code] = c.Name
		for _, sub := range c.SubSectors {
			pl.subSectors[sub.Code] = [2]string{c.Code, sub.Name}
		}
	}
	for _, ch := range p.Chains {
		for _, n := range ch.Nodes {
			pl.nodes[n.Code] = n.Name
			pl.chains[ch.Code] = append(pl.chains[ch.Code], n.Code)
		}
	}
	return pl
}

// name fills the names of a project's codes and its derived fields.
func (s *Service) name(p *Project) {
	p.Number = number(p.ID)
	p.CountyName = s.places.counties[p.County]
	p.ParkName = s.places.parks[p.Park].Name
	p.ClusterName = s.places.clusters[p.Cluster]
	p.SubSectorName = s.places.subSectors[p.SubSector][1]
	p.KindName = name(s.vocab.Kinds, p.Kind)
	p.TierName = name(s.vocab.Tiers, p.Tier)
	st := s.stageInfo(p.Stage)
	p.StageName, p.Duty, p.DutyNote = st.Name, st.Duty, st.DutyNote
	p.InvestmentUnit = "万元"
	p.Manufacturing = s.manufacturing(p.Industry)
	if p.Nodes == nil {
		p.Nodes = []string{}
	}
}

// stageInfo describes a stage with the plan's duty for it.
func (s *Service) stageInfo(st Stage) StageInfo {
	info := s.vocab.stage(st)
	if s.pp != nil {
		d := s.pp.Duties[st]
		info.Duty, info.DutyNote = d.Duty, d.Note
	}
	return info
}

// StageInfos lists every stage with its duty, in lifecycle order.
func (s *Service) StageInfos() []StageInfo {
	var out []StageInfo
	for _, st := range append(append([]Stage{}, forward...), Paused, Terminated) {
		out = append(out, s.stageInfo(st))
	}
	return out
}

// SignedOver is the plan's signed-over count, nil when it has none.
func (s *Service) SignedOver() *SignedOver {
	if s.pp == nil {
		return nil
	}
	return s.pp.SignedOver
}

// manufacturing reports whether an industry code is in 门类C (大类13–43).
func (s *Service) manufacturing(code string) bool {
	if len(code) < 2 {
		return false
	}
	var div int
	if _, err := fmt.Sscanf(code[:2], "%d", &div); err != nil {
		return false
	}
	m := s.vocab.Manufacturing
	return div >= m.From && div <= m.To
}

// place is where a project is, for access decisions.
func (p *Project) place() access.Place {
	pl := access.Place{County: p.County, Park: p.Park}
	if p.EnterpriseID != nil {
		pl.EnterpriseID = *p.EnterpriseID
	}
	return pl
}

// errNotFound is the same for a project that does not exist and one the
// caller may not see, so its existence does not leak.
func errNotFound(id int64) error {
	return apperr.New(apperr.NotFound, "项目 %s 不存在或无权查看", number(id))
}

// canWrite refuses callers who may not change projects at pl: the read-only
// leader, enterprise filers (projects are kept by the governments) and
// anyone whose entry scope does not cover the place.
func canWrite(ctx context.Context, pl access.Place) error {
	p := access.From(ctx)
	if p.Role == access.RoleLeader || p.Role == access.RoleEnterprise || !p.Enter.Covers(pl) {
		return apperr.New(apperr.Forbidden, "无权登记或修改该项目（区县只能维护本区县的项目，市级可维护全部项目）")
	}
	return nil
}

// scopeFilter restricts projects p to a scope: its counties, parks and
// owner enterprises. A scope that grants nothing matches nothing.
func scopeFilter(sc access.Scope) (string, []any) {
	if sc.All {
		return "1=1", nil
	}
	var parts []string
	var args []any
	if len(sc.Counties) > 0 {
		parts = append(parts, "p.county_code IN ("+store.Placeholders(len(sc.Counties))+")")
		for _, c := range sc.Counties {
			args = append(args, c)
		}
	}
	if len(sc.Parks) > 0 {
		parts = append(parts, "p.park_code IN ("+store.Placeholders(len(sc.Parks))+")")
		for _, k := range sc.Parks {
			args = append(args, k)
		}
	}
	if len(sc.Enterprises) > 0 {
		parts = append(parts, "p.enterprise_id IN ("+store.Placeholders(len(sc.Enterprises))+")")
		for _, id := range sc.Enterprises {
			args = append(args, id)
		}
	}
	if len(parts) == 0 {
		return "1=0", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// chainNodes lists a chain's node codes, or nil for an unknown chain.
func (s *Service) chainNodes(chain string) []string { return slices.Clone(s.places.chains[chain]) }
